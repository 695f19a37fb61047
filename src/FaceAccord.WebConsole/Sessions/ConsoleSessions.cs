using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using FaceAccord.Service.Tenants;
using FaceAccord.Storage;

namespace FaceAccord.WebConsole.Sessions;

/// <summary>
/// Server-side console sessions. The browser holds only a random 256-bit secret; the server keeps its SHA-256, so
/// neither the cookie nor memory ever holds an API key. Every use re-checks the key in the store, so revoking a key
/// (or its expiry) ends every session signed in with it at the next request. Sessions live in memory: a restart
/// signs everyone out, which is the safe direction.
/// </summary>
public sealed class ConsoleSessions(IApiKeyStore keys, ConsoleOptions options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, ConsoleSession> _sessions = new(StringComparer.Ordinal);

    /// <summary>Starts a session for an authenticated key and returns the cookie's secret.</summary>
    public string Start(AuthenticatedKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        string secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        string id = IdOf(secret);
        _sessions[id] = new ConsoleSession(id, key.Tenant, key.KeyId, key.Role, clock.GetUtcNow());
        return secret;
    }

    /// <summary>
    /// The live session for a cookie's secret, touched as used now; null (and the session forgotten) when it is unknown,
    /// idle too long, past its absolute lifetime, or its key was revoked or expired since sign-in.
    /// </summary>
    public ConsoleSession? Resolve(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 100 || !_sessions.TryGetValue(IdOf(secret), out var session))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var key = keys.FindApiKey(session.KeyId);
        if (now - session.LastSeenAt > options.IdleTimeout || now - session.StartedAt > options.AbsoluteLifetime
            || key is null || key.TenantId != session.Tenant.Id || key.IsSpentAt(now))
        {
            _sessions.TryRemove(session.Id, out _);
            return null;
        }

        session.LastSeenAt = now;
        return session;
    }

    /// <summary>Ends the session of a cookie's secret (sign-out); unknown secrets are ignored.</summary>
    public void End(string? secret)
    {
        if (!string.IsNullOrEmpty(secret) && secret.Length <= 100)
        {
            _sessions.TryRemove(IdOf(secret), out _);
        }
    }

    private static string IdOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
