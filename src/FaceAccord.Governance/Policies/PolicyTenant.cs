namespace FaceAccord.Governance.Policies;

/// <summary>
/// Who is asking, as the policy engine sees it: the tenant's sector and where it operates (ISO 3166 country and
/// region codes, the city's name). It comes from the tenant's profile, never from the request itself.
/// </summary>
public sealed record PolicyTenant(string Sector, string Country, string? Region = null, string? City = null, bool PlaceOfPublicAccommodation = false);
