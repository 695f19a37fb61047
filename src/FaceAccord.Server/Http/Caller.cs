using FaceAccord.Storage;
using Microsoft.AspNetCore.Http;

namespace FaceAccord.Server.Http;

/// <summary>Who is calling: the tenant and key the bearer token proved, and the purpose the request declared.</summary>
public sealed record Caller(Tenant Tenant, string KeyId, string Purpose)
{
    private const string ItemKey = "faceaccord.caller";

    public Guid TenantId => Tenant.Id;

    public void AttachTo(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[ItemKey] = this;
    }

    public static Caller? Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(ItemKey, out var v) ? v as Caller : null;
    }

    /// <summary>The caller of an endpoint behind the authentication middleware (it never runs without one).</summary>
    public static Caller Required(HttpContext context) =>
        Of(context) ?? throw new InvalidOperationException("An authenticated endpoint ran without a caller.");
}
