using FaceAccord.Service.Safeguards;
using FaceAccord.WebConsole.Sessions;
using Microsoft.AspNetCore.Http;

namespace FaceAccord.WebConsole.Http;

/// <summary>The console's view of a request: the session the middleware found, and the request context it acts under.</summary>
public static class ConsoleRequest
{
    /// <summary>The session cookie; only a random secret, scoped to the console's path.</summary>
    public const string SessionCookie = "faceaccord_console";

    /// <summary>What a console request declares as its purpose in the audit log: the oversight duty it serves.</summary>
    public const string ReviewPurpose = "human-review";

    public const string AuditPurpose = "audit-oversight";

    private const string SessionKey = "faceaccord.console.session";

    public static void Attach(HttpContext http, ConsoleSession session)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Items[SessionKey] = session;
    }

    public static ConsoleSession? SessionOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items.TryGetValue(SessionKey, out var v) ? v as ConsoleSession : null;
    }

    /// <summary>The governed path's request context for a signed-in session, on the console channel.</summary>
    public static RequestContext Context(ConsoleSession session, string? purpose)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new RequestContext(session.Tenant, session.KeyId, purpose, Role: session.Role) { Channel = ConsoleChannel.Instance };
    }

    public static CookieOptions CookieOptions(HttpContext http) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = "/console",
        IsEssential = true,
    };
}
