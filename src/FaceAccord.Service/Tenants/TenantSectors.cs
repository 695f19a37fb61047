using FaceAccord.Core;

namespace FaceAccord.Service.Tenants;

/// <summary>The sectors a tenant can belong to; policy packs decide what each may do.</summary>
public static class TenantSectors
{
    public const string Commercial = "commercial";
    public const string PublicAgency = "public-agency";
    public const string LawEnforcement = "law-enforcement";
    public const string Testing = "testing";

    public static IReadOnlyList<string> All { get; } = [Commercial, PublicAgency, LawEnforcement, Testing];

    public static string Parse(string? value) =>
        All.FirstOrDefault(s => string.Equals(s, value, StringComparison.Ordinal))
        ?? throw FaceAccordException.BadInput("sector-unknown", $"Sector '{value}' is not one of {string.Join(", ", All)}.");
}
