using FaceAccord.Core;
using FaceAccord.Service.Safeguards;
using Microsoft.AspNetCore.Http;

namespace FaceAccord.Server.Http;

/// <summary>
/// The declarations a request makes in headers: <c>FaceAccord-Mode</c> (default one-off), <c>FaceAccord-Setting</c>
/// (default online), <c>FaceAccord-Consequential</c> (true/false, default false) and <c>FaceAccord-Legal-Basis: TYPE
/// REFERENCE</c> (default none). The policy engine judges the values; here they are only read.
/// </summary>
public static class RequestHeaders
{
    public const string Mode = "FaceAccord-Mode";
    public const string Setting = "FaceAccord-Setting";
    public const string Consequential = "FaceAccord-Consequential";
    public const string LegalBasis = "FaceAccord-Legal-Basis";

    public static RequestContext Context(HttpContext http, Tenant tenant, string keyId, string? purpose, KeyRole role)
    {
        ArgumentNullException.ThrowIfNull(http);
        var request = http.Request;
        string mode = Value(request, Mode) ?? "one-off";
        string setting = Value(request, Setting) ?? "online";
        bool consequential = Value(request, Consequential) switch
        {
            null or "false" => false,
            "true" => true,
            var other => throw FaceAccordException.BadInput("consequential-invalid", $"{Consequential} must be true or false, not '{other}'."),
        };
        LegalBasis? basis = null;
        if (Value(request, LegalBasis) is { } raw)
        {
            int space = raw.IndexOf(' ', StringComparison.Ordinal);
            basis = space < 0 ? new LegalBasis(raw, null) : new LegalBasis(raw[..space], raw[(space + 1)..].Trim());
        }

        return new RequestContext(tenant, keyId, purpose, mode, setting, consequential, basis, role) { Channel = new HttpChannel(http) };
    }

    private static string? Value(HttpRequest request, string name)
    {
        string? v = request.Headers[name];
        return string.IsNullOrWhiteSpace(v) ? null : v.Trim();
    }
}
