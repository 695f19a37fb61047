namespace FaceAccord.Governance.Policies;

/// <summary>
/// A request field that a pack's <c>when</c> condition may test, by dotted path; it knows how to read the field
/// and which values are legal for it, so a pack that names an impossible value fails when it loads.
/// </summary>
internal sealed class PolicyField
{
    private readonly Func<PolicyRequest, string?> read;

    private PolicyField(string path, Func<PolicyRequest, string?> read, PolicyTermSet? terms = null)
    {
        Path = path;
        this.read = read;
        Terms = terms;
    }

    public static IReadOnlyDictionary<string, PolicyField> ByPath { get; } = new[]
    {
        new PolicyField("tenant.sector", r => r.Tenant.Sector, PolicyVocabulary.Sectors),
        new PolicyField("tenant.country", r => r.Tenant.Country),
        new PolicyField("tenant.region", r => r.Tenant.Region),
        new PolicyField("tenant.city", r => r.Tenant.City),
        new PolicyField("tenant.placeOfPublicAccommodation", r => Bool(r.Tenant.PlaceOfPublicAccommodation)),
        new PolicyField("operation", r => r.Operation, PolicyVocabulary.Operations),
        new PolicyField("purpose", r => r.Purpose, PolicyVocabulary.Purposes),
        new PolicyField("mode", r => r.Mode, PolicyVocabulary.Modes),
        new PolicyField("setting", r => r.Setting, PolicyVocabulary.Settings),
        new PolicyField("consequential", r => Bool(r.Consequential)),
        new PolicyField("legalBasis.type", r => r.LegalBasis.Type, PolicyVocabulary.LegalBasisTypes),
    }.ToDictionary(f => f.Path, StringComparer.Ordinal);

    public string Path { get; }

    public PolicyTermSet? Terms { get; }

    /// <summary>The request's value, or null where an optional field (region, city) is absent.</summary>
    public string? Read(PolicyRequest request) => read(request);

    /// <summary>Checks a value written in a pack and returns its normal form, or null with the reason it is not legal.</summary>
    public string? Normalize(string value, out string? problem)
    {
        problem = null;
        if (Terms is not null)
        {
            if (Terms.Contains(value))
            {
                return value;
            }

            problem = $"'{value}' is not a {Terms.Name} ({Terms.Listing})";
            return null;
        }

        switch (Path)
        {
            case "tenant.placeOfPublicAccommodation" or "consequential":
                if (value is "true" or "false")
                {
                    return value;
                }

                problem = $"{Path} is true or false, not '{value}'";
                return null;
            case "tenant.country":
                if (Jurisdiction.TryCountry(value, out string country))
                {
                    return country;
                }

                problem = $"'{value}' is not an ISO 3166-1 alpha-2 country code such as US or DE";
                return null;
            case "tenant.region":
                if (Jurisdiction.TryRegion(value, out string region))
                {
                    return region;
                }

                problem = $"'{value}' is not an ISO 3166-2 region code such as US-WA or DE-BE";
                return null;
            default:
                if (Jurisdiction.TryCity(value, out string city))
                {
                    return city;
                }

                problem = "a city is its name, 1 to 100 characters";
                return null;
        }
    }

    public static string Listing => string.Join(", ", ByPath.Keys);

    private static string Bool(bool value) => value ? "true" : "false";
}
