using FaceAccord.Governance.Policies;

namespace FaceAccord.Governance.Tests.Policies;

/// <summary>Tenants in the jurisdictions the packs speak to, and a one-line way to build a request for them.</summary>
internal static class Requests
{
    public static readonly PolicyTenant SeattleAgency = new("public-agency", "US", "US-WA", "Seattle");
    public static readonly PolicyTenant SeattlePolice = new("law-enforcement", "US", "US-WA", "Seattle");
    public static readonly PolicyTenant SpokaneShop = new("commercial", "US", "US-WA", "Spokane");
    public static readonly PolicyTenant NewYorkPolice = new("law-enforcement", "US", "US-NY", "New York");
    public static readonly PolicyTenant NewYorkShop = new("commercial", "US", "US-NY", "New York");
    public static readonly PolicyTenant PuertoRicoPolice = new("law-enforcement", "PR", null, "San Juan");
    public static readonly PolicyTenant SanFranciscoAgency = new("public-agency", "US", "US-CA", "San Francisco");
    public static readonly PolicyTenant SanFranciscoPolice = new("law-enforcement", "US", "US-CA", "San Francisco");
    public static readonly PolicyTenant SanFranciscoShop = new("commercial", "US", "US-CA", "San Francisco");
    public static readonly PolicyTenant OaklandAgency = new("public-agency", "US", "US-CA", "Oakland");
    public static readonly PolicyTenant ChicagoShop = new("commercial", "US", "US-IL", "Chicago");
    public static readonly PolicyTenant ChicagoLab = new("testing", "US", "US-IL", "Chicago");
    public static readonly PolicyTenant ChicagoAgency = new("public-agency", "US", "US-IL", "Chicago");
    public static readonly PolicyTenant PortlandShop = new("commercial", "US", "US-OR", "Portland", PlaceOfPublicAccommodation: true);
    public static readonly PolicyTenant PortlandOffice = new("commercial", "US", "US-OR", "Portland", PlaceOfPublicAccommodation: false);
    public static readonly PolicyTenant PortlandAgency = new("public-agency", "US", "US-OR", "Portland", PlaceOfPublicAccommodation: true);
    public static readonly PolicyTenant PortlandMaineShop = new("commercial", "US", "US-ME", "Portland", PlaceOfPublicAccommodation: true);
    public static readonly PolicyTenant BerlinPolice = new("law-enforcement", "DE", "DE-BE", "Berlin");
    public static readonly PolicyTenant BerlinShop = new("commercial", "DE", "DE-BE", "Berlin");
    public static readonly PolicyTenant ParisShop = new("commercial", "FR", null, "Paris");
    public static readonly PolicyTenant DublinSchool = new("public-agency", "IE", null, "Dublin");
    public static readonly PolicyTenant LondonPolice = new("law-enforcement", "GB", null, "London");
    public static readonly PolicyTenant LondonShop = new("commercial", "GB", null, "London");

    public static PolicyRequest Make(
        PolicyTenant tenant,
        string operation,
        string purpose,
        string mode = "one-off",
        string setting = "online",
        bool consequential = false,
        string basis = "none") => new()
        {
            Tenant = tenant,
            Operation = operation,
            Purpose = purpose,
            Mode = mode,
            Setting = setting,
            Consequential = consequential,
            LegalBasis = new PolicyLegalBasis(basis, basis == "none" ? null : "REF-2026-001"),
        };
}
