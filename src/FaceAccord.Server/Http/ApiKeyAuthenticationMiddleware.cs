using FaceAccord.Service;
using FaceAccord.Storage;
using Microsoft.AspNetCore.Http;

namespace FaceAccord.Server.Http;

/// <summary>
/// Guards <c>/v1</c>: a valid <c>Authorization: Bearer KEY</c> names the tenant (never the request body),
/// and <c>FaceAccord-Purpose</c> must say why the request is made (with optional mode, setting and legal basis
/// headers). A reviewer key reaches only <c>/v1/reviews</c>. All are checked before any body is read.
/// </summary>
public sealed class ApiKeyAuthenticationMiddleware(RequestDelegate next, FaceService service)
{
    public const string PurposeHeader = "FaceAccord-Purpose";

    private const string ReviewsPath = "/v1/reviews";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        string? header = context.Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            await Unauthorized(context, "api-key-missing", "Send the tenant's API key as 'Authorization: Bearer KEY'.").ConfigureAwait(false);
            return;
        }

        if (service.Tenants.Authenticate(header["Bearer ".Length..].Trim()) is not { } who)
        {
            await Unauthorized(context, "api-key-invalid", "The API key is not valid.").ConfigureAwait(false);
            return;
        }

        string? purpose = context.Request.Headers[PurposeHeader];
        if (string.IsNullOrWhiteSpace(purpose) || purpose.Length > 100)
        {
            await Problems.WriteAsync(context, Problems.Create(400, "purpose-missing",
                $"Every request states its purpose in the '{PurposeHeader}' header (e.g. identity-verification).")).ConfigureAwait(false);
            return;
        }

        var caller = RequestHeaders.Context(context.Request, who.Tenant, who.KeyId, purpose.Trim(), who.Role);

        // A reviewer key reads and decides review cases, nothing else (audited); the service refuses it face operations as well.
        if (who.Role != ApiKeyRoles.Operator && !context.Request.Path.StartsWithSegments(ReviewsPath, StringComparison.OrdinalIgnoreCase))
        {
            var refusal = service.Gate.RefuseRole(caller, $"{context.Request.Method} {context.Request.Path}");
            await Problems.WriteAsync(context, Problems.Create(403, refusal.Code, refusal.Message)).ConfigureAwait(false);
            return;
        }

        Caller.Attach(context, caller);
        await next(context).ConfigureAwait(false);
    }

    private static Task Unauthorized(HttpContext context, string code, string detail)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.WriteAsync(context, Problems.Create(401, code, detail));
    }
}
