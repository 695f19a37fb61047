using FaceAccord.Service.Tenants;
using Microsoft.AspNetCore.Http;

namespace FaceAccord.Server.Http;

/// <summary>
/// Resolves the caller of <c>/v1</c>: a valid <c>Authorization: Bearer KEY</c> names the tenant and the key's role
/// (never the request body), and <c>FaceAccord-Purpose</c> must say why the request is made (with optional mode,
/// setting and legal basis headers). Both are checked before any body is read; what a role may do is the governed
/// path's to decide, and every refusal here is audited by the request audit. Failed authentications are counted per
/// client address; past the limit the address is refused (429) before any key is checked.
/// </summary>
public sealed class ApiKeyAuthenticationMiddleware(RequestDelegate next, TenantService tenants, AuthFailureLimiter limiter)
{
    public const string PurposeHeader = "FaceAccord-Purpose";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        string address = Problems.ClientAddressOf(context) ?? "unknown";
        if (limiter.IsBlocked(address, out bool firstRefusal))
        {
            // Only the first refusal of a blocked spell is audited: a flood must not grow a log that is never pruned.
            if (!firstRefusal)
            {
                HttpChannel.MarkUnaudited(context);
            }

            context.Response.Headers.RetryAfter = "60";
            await Problems.WriteAsync(context, Problems.Create(429, "auth-rate-limited",
                "Too many failed authentications from this address; wait a minute and retry with a valid key.")).ConfigureAwait(false);
            return;
        }

        string? header = context.Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            await Unauthorized(context, "api-key-missing", "Send the tenant's API key as 'Authorization: Bearer KEY'.").ConfigureAwait(false);
            return;
        }

        var check = tenants.Check(header["Bearer ".Length..].Trim());
        if (check.KeyId is { } tried)
        {
            Caller.Presented(context, tried);
        }

        if (check.Key is not { } who)
        {
            limiter.RecordFailure(address);
            await Unauthorized(context, check.Refusal!, check.Refusal == Authentication.Expired
                ? "The API key has expired (or its rotation's grace period ended); use the key that replaced it."
                : "The API key is not valid.").ConfigureAwait(false);
            return;
        }

        string? purpose = context.Request.Headers[PurposeHeader];
        bool missing = string.IsNullOrWhiteSpace(purpose) || purpose.Length > 100;
        Caller.Attach(context, RequestHeaders.Context(context, who.Tenant, who.KeyId, missing ? null : purpose!.Trim(), who.Role));
        if (missing)
        {
            await Problems.WriteAsync(context, Problems.Create(400, "purpose-missing",
                $"Every request states its purpose in the '{PurposeHeader}' header (e.g. identity-verification).")).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private static Task Unauthorized(HttpContext context, string code, string detail)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.WriteAsync(context, Problems.Create(401, code, detail));
    }
}
