using System.Text.Json;
using FaceAccord.Core;

namespace FaceAccord.Governance.Policies;

/// <summary>
/// Reads a policy request from JSON strictly and checks any request against the vocabularies: an unknown field,
/// a missing one or a value outside its vocabulary is a malformed request naming the field, because a typo must
/// never be read as a harmless default.
/// </summary>
public static class PolicyRequestParser
{
    public const string ErrorCode = "policy-request-invalid";

    /// <summary>The key under which a policy-request error's <see cref="Exception.Data"/> holds the field's path.</summary>
    public const string FieldKey = "field";

    private static readonly string[] RequestFields = ["tenant", "operation", "purpose", "mode", "setting", "consequential", "legalBasis"];
    private static readonly string[] TenantFields = ["sector", "country", "region", "city", "placeOfPublicAccommodation"];
    private static readonly string[] LegalBasisFields = ["type", "reference"];

    /// <summary>Parses and validates a JSON request; mode, setting, consequential and legalBasis may be left out.</summary>
    public static PolicyRequest Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw Invalid("(request)", $"not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            var root = Object(document.RootElement, "(request)");
            Known(root, RequestFields, "");
            var tenantElement = Object(Required(root, "tenant", ""), "tenant");
            Known(tenantElement, TenantFields, "tenant.");
            var tenant = new PolicyTenant(
                String(Required(tenantElement, "sector", "tenant."), "tenant.sector"),
                String(Required(tenantElement, "country", "tenant."), "tenant.country"),
                OptionalString(tenantElement, "region", "tenant."),
                OptionalString(tenantElement, "city", "tenant."),
                OptionalBool(tenantElement, "placeOfPublicAccommodation", "tenant.") ?? false);

            var legalBasis = PolicyLegalBasis.None;
            if (Optional(root, "legalBasis") is { } lb)
            {
                var basis = Object(lb, "legalBasis");
                Known(basis, LegalBasisFields, "legalBasis.");
                legalBasis = new PolicyLegalBasis(
                    String(Required(basis, "type", "legalBasis."), "legalBasis.type"),
                    OptionalString(basis, "reference", "legalBasis."));
            }

            var request = new PolicyRequest
            {
                Tenant = tenant,
                Operation = String(Required(root, "operation", ""), "operation"),
                Purpose = String(Required(root, "purpose", ""), "purpose"),
                Mode = OptionalString(root, "mode", "") ?? PolicyVocabulary.DefaultMode,
                Setting = OptionalString(root, "setting", "") ?? PolicyVocabulary.DefaultSetting,
                Consequential = OptionalBool(root, "consequential", "") ?? false,
                LegalBasis = legalBasis,
            };
            return Validate(request);
        }
    }

    /// <summary>
    /// Checks a request built in code (by the server, from the tenant's profile and the request's headers) and
    /// returns it in normal form: codes upper case, city and reference trimmed.
    /// </summary>
    public static PolicyRequest Validate(PolicyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Tenant is null)
        {
            throw Invalid("tenant", "is required");
        }

        var t = request.Tenant;
        Term(t.Sector, "tenant.sector", PolicyVocabulary.Sectors);
        if (t.Country is null || !Jurisdiction.TryCountry(t.Country, out string country))
        {
            throw Invalid("tenant.country", $"'{t.Country}' is not an ISO 3166-1 alpha-2 country code such as US or DE");
        }

        string? region = null;
        if (t.Region is not null)
        {
            if (!Jurisdiction.TryRegion(t.Region, out string r))
            {
                throw Invalid("tenant.region", $"'{t.Region}' is not an ISO 3166-2 region code such as US-WA or DE-BE");
            }

            if (!r.StartsWith(country + "-", StringComparison.Ordinal))
            {
                throw Invalid("tenant.region", $"'{r}' is not a region of {country}");
            }

            region = r;
        }

        string? city = null;
        if (t.City is not null && !Jurisdiction.TryCity(t.City, out city))
        {
            throw Invalid("tenant.city", "is the city's name, 1 to 100 characters, or left out");
        }

        Term(request.Operation, "operation", PolicyVocabulary.Operations);
        Term(request.Purpose, "purpose", PolicyVocabulary.Purposes);
        Term(request.Mode, "mode", PolicyVocabulary.Modes);
        Term(request.Setting, "setting", PolicyVocabulary.Settings);
        if (request.LegalBasis is null)
        {
            throw Invalid("legalBasis", "is required; use type none where there is none");
        }

        Term(request.LegalBasis.Type, "legalBasis.type", PolicyVocabulary.LegalBasisTypes);
        string? reference = string.IsNullOrWhiteSpace(request.LegalBasis.Reference) ? null : request.LegalBasis.Reference.Trim();
        if (request.LegalBasis.Type == PolicyVocabulary.NoLegalBasis && reference is not null)
        {
            throw Invalid("legalBasis.reference", "a reference needs a legal basis type other than none");
        }

        // A claimed basis that names no record cannot be checked or audited.
        if (request.LegalBasis.Type != PolicyVocabulary.NoLegalBasis && reference is null)
        {
            throw Invalid("legalBasis.reference", $"is required for legal basis type {request.LegalBasis.Type} (the record, warrant or order number)");
        }

        if (reference is { Length: > 200 })
        {
            throw Invalid("legalBasis.reference", "is at most 200 characters");
        }

        return request with
        {
            Tenant = t with { Country = country, Region = region, City = city },
            LegalBasis = new PolicyLegalBasis(request.LegalBasis.Type, reference),
        };
    }

    private static void Term(string? value, string field, PolicyTermSet terms)
    {
        if (value is null)
        {
            throw Invalid(field, "is required");
        }

        if (!terms.Contains(value))
        {
            throw Invalid(field, $"'{value}' is not a known {terms.Name} ({terms.Listing})");
        }
    }

    private static JsonElement Object(JsonElement element, string field) =>
        element.ValueKind == JsonValueKind.Object ? element : throw Invalid(field, "must be a JSON object");

    private static void Known(JsonElement obj, string[] fields, string prefix)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (!fields.Contains(property.Name, StringComparer.Ordinal))
            {
                throw Invalid(prefix + property.Name, $"is not a known field; fields here are {string.Join(", ", fields)}");
            }
        }
    }

    private static JsonElement Required(JsonElement obj, string name, string prefix) =>
        Optional(obj, name) ?? throw Invalid(prefix + name, "is required");

    private static JsonElement? Optional(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string String(JsonElement element, string field) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw Invalid(field, "must be a string");

    private static string? OptionalString(JsonElement obj, string name, string prefix) =>
        Optional(obj, name) is { } value ? String(value, prefix + name) : null;

    private static bool? OptionalBool(JsonElement obj, string name, string prefix) =>
        Optional(obj, name) is { } value
            ? value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Invalid(prefix + name, "must be true or false"),
            }
            : null;

    private static FaceAccordException Invalid(string field, string problem, Exception? inner = null)
    {
        var error = FaceAccordException.BadInput(ErrorCode, $"Malformed policy request, field '{field}': {problem}.", inner);
        error.Data[FieldKey] = field;
        return error;
    }
}
