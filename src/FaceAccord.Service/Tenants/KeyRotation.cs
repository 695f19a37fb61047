namespace FaceAccord.Service.Tenants;

/// <summary>What a rotation did: the new key (its secret shown this once) and when the old one stops working.</summary>
public sealed record KeyRotation(IssuedKey Replacement, string RetiredKeyId, DateTimeOffset RetiredKeyExpiresAt);
