using FaceAccord.Service.Safeguards;
using Microsoft.AspNetCore.Http;

namespace FaceAccord.Server.Http;

/// <summary>The request context the authentication middleware established, kept on the HTTP context for the endpoints.</summary>
public static class Caller
{
    private const string ItemKey = "faceaccord.caller";
    private const string PresentedKey = "faceaccord.presented-key";

    public static void Attach(HttpContext http, RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Items[ItemKey] = context;
    }

    public static RequestContext? Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items.TryGetValue(ItemKey, out var v) ? v as RequestContext : null;
    }

    /// <summary>The caller of an endpoint behind the authentication middleware (it never runs without one).</summary>
    public static RequestContext Required(HttpContext http) =>
        Of(http) ?? throw new InvalidOperationException("An authenticated endpoint ran without a caller.");

    /// <summary>Remembers the key id of a key presented but refused, so its refusal names which key was tried.</summary>
    public static void Presented(HttpContext http, string keyId)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Items[PresentedKey] = keyId;
    }

    public static string? PresentedKeyId(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items.TryGetValue(PresentedKey, out var v) ? v as string : null;
    }
}
