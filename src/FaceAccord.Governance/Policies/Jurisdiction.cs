using System.Text.RegularExpressions;

namespace FaceAccord.Governance.Policies;

/// <summary>
/// Shape checks and normal forms for ISO 3166 country and region codes and city names, shared by requests and
/// packs so that "us-wa" in a request and "US-WA" in a pack mean the same place.
/// </summary>
internal static partial class Jurisdiction
{
    public static bool TryCountry(string value, out string normal)
    {
        normal = value.Trim().ToUpperInvariant();
        return CountryPattern().IsMatch(normal);
    }

    public static bool TryRegion(string value, out string normal)
    {
        normal = value.Trim().ToUpperInvariant();
        return RegionPattern().IsMatch(normal);
    }

    public static bool TryCity(string value, out string normal)
    {
        normal = value.Trim();
        return normal.Length is > 0 and <= 100;
    }

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();

    [GeneratedRegex("^[A-Z]{2}-[A-Z0-9]{1,3}$")]
    private static partial Regex RegionPattern();
}
