namespace FaceAccord.Governance.Policies;

/// <summary>
/// The packs shipped with FaceAccord (<c>policies/*.yaml</c>, embedded in this assembly), parsed once: every
/// deployment gets the same reviewed text, whatever its working directory.
/// </summary>
public static class BuiltInPolicyPacks
{
    private const string Prefix = "policies/";
    private const string Suffix = ".yaml";

    private static readonly Lazy<IReadOnlyList<PolicyPack>> Packs = new(Load);

    /// <summary>All built-in packs, ordered by id.</summary>
    public static IReadOnlyList<PolicyPack> All => Packs.Value;

    private static IReadOnlyList<PolicyPack> Load()
    {
        var assembly = typeof(BuiltInPolicyPacks).Assembly;
        var packs = new List<PolicyPack>();
        foreach (string name in assembly.GetManifestResourceNames().Where(IsPack).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"Embedded policy pack '{name}' disappeared.");
            using var reader = new StreamReader(stream);
            packs.Add(PolicyPack.Parse(reader.ReadToEnd(), name));
        }

        return [.. packs.OrderBy(p => p.Id, StringComparer.Ordinal)];
    }

    private static bool IsPack(string name) =>
        name.StartsWith(Prefix, StringComparison.Ordinal) && name.EndsWith(Suffix, StringComparison.Ordinal);
}
