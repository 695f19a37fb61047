namespace FaceAccord.Governance.Policies;

/// <summary>
/// A set of rules encoding one law or commitment, loaded from YAML data so that policy is reviewed as text, not
/// code; see docs/policies.md for the format.
/// </summary>
public sealed class PolicyPack
{
    internal PolicyPack(string id, string title, IReadOnlyList<string> citations, bool mandatory, PolicyApplicability appliesTo, IReadOnlyList<PolicyRule> rules, string source)
    {
        Id = id;
        Title = title;
        Citations = citations;
        Mandatory = mandatory;
        AppliesTo = appliesTo;
        Rules = rules;
        Source = source;
    }

    public string Id { get; }

    public string Title { get; }

    /// <summary>The texts the pack encodes, as a lawyer would cite them.</summary>
    public IReadOnlyList<string> Citations { get; }

    /// <summary>A mandatory pack is evaluated whatever a deployment or tenant enables (FaceAccord's own commitments).</summary>
    public bool Mandatory { get; }

    public PolicyApplicability AppliesTo { get; }

    public IReadOnlyList<PolicyRule> Rules { get; }

    /// <summary>Where the pack was read from (file path or resource name), for messages.</summary>
    public string Source { get; }

    /// <summary>Deepest nesting of lists and mappings a pack may use (real packs use about six levels), so that no
    /// file can exhaust the stack of the recursive YAML reader.</summary>
    public const int MaxDepth = 64;

    /// <summary>Reads a pack from YAML text; <paramref name="source"/> names it in error messages.</summary>
    public static PolicyPack Parse(string yaml, string source) => PolicyPackReader.Read(yaml, source);

    /// <summary>Reads a pack from a YAML file.</summary>
    public static PolicyPack LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Core.FaceAccordException.BadInput("policy-pack-unreadable", $"Policy pack file '{path}' cannot be read: {e.Message}", e);
        }

        return Parse(text, path);
    }
}
