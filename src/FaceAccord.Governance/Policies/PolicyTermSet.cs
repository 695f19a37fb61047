namespace FaceAccord.Governance.Policies;

/// <summary>
/// One closed vocabulary of the policy language (sectors, purposes, ...): packs and requests may only use its
/// terms, so a typo is an error instead of a rule that silently never matches.
/// </summary>
public sealed class PolicyTermSet
{
    private readonly Dictionary<string, string> meanings;

    internal PolicyTermSet(string name, params (string Term, string Meaning)[] terms)
    {
        Name = name;
        Terms = [.. terms.Select(t => t.Term)];
        meanings = terms.ToDictionary(t => t.Term, t => t.Meaning, StringComparer.Ordinal);
    }

    /// <summary>What the vocabulary names, in words ("purpose", "operation").</summary>
    public string Name { get; }

    /// <summary>The terms in documentation order.</summary>
    public IReadOnlyList<string> Terms { get; }

    public bool Contains(string term) => meanings.ContainsKey(term);

    /// <summary>The one-line meaning of <paramref name="term"/>.</summary>
    public string Meaning(string term) => meanings[term];

    /// <summary>The terms as one readable list, for error messages.</summary>
    public string Listing => string.Join(", ", Terms);
}
