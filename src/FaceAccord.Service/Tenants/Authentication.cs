namespace FaceAccord.Service.Tenants;

/// <summary>
/// The outcome of presenting a key: the key's owner and role, or why it was refused (<c>api-key-invalid</c> for an
/// unknown, malformed, wrong or revoked key; <c>api-key-expired</c> for a right key past its expiry or its rotation's
/// grace period). <see cref="KeyId"/> names the key that was tried, when the presented text held one.
/// </summary>
public sealed record Authentication(AuthenticatedKey? Key, string? Refusal, string? KeyId)
{
    public const string Invalid = "api-key-invalid";
    public const string Expired = "api-key-expired";
}
