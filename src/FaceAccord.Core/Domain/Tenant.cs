namespace FaceAccord.Core;

/// <summary>What a tenant's profile says about it; the policy engine judges every request against it.</summary>
public sealed record TenantProfile(string Name, string Sector, string Country, string? Region, string? City, bool PlaceOfPublicAccommodation = false);

/// <summary>An organisation using the service; all its data is scoped to its id.</summary>
public sealed record Tenant(Guid Id, TenantProfile Profile, DateTimeOffset CreatedAt);
