using FaceAccord.Core;

namespace FaceAccord.WebConsole.Sessions;

/// <summary>
/// A signed-in browser: the tenant, key id and role of the key it signed in with (never the key itself), and when it
/// started and was last used, for the idle and absolute expiry. <see cref="Id"/> is a hash of the cookie's secret.
/// </summary>
public sealed class ConsoleSession(string id, Tenant tenant, string keyId, KeyRole role, DateTimeOffset startedAt)
{
    public string Id { get; } = id;

    public Tenant Tenant { get; } = tenant;

    public string KeyId { get; } = keyId;

    public KeyRole Role { get; } = role;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public DateTimeOffset LastSeenAt { get; set; } = startedAt;

    public bool IsReviewer => Role == KeyRole.Reviewer;
}
