namespace FaceAccord.Governance.Policies;

/// <summary>
/// Where and to whom a pack applies (countries, regions, cities, sectors); an empty list means any. A law of
/// Portland never speaks to a tenant in Berlin, however its rules are written.
/// </summary>
public sealed record PolicyApplicability(
    IReadOnlyList<string> Countries,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Cities,
    IReadOnlyList<string> Sectors)
{
    public static PolicyApplicability Everywhere { get; } = new([], [], [], []);

    public bool AppliesTo(PolicyTenant tenant) =>
        Matches(Countries, tenant.Country)
        && Matches(Regions, tenant.Region)
        && Matches(Cities, tenant.City)
        && Matches(Sectors, tenant.Sector);

    private static bool Matches(IReadOnlyList<string> allowed, string? actual) =>
        allowed.Count == 0 || (actual is not null && allowed.Contains(actual, StringComparer.OrdinalIgnoreCase));
}
