using System.Net;
using FaceAccord.Core;

namespace FaceAccord.Server.Observability;

/// <summary>
/// Metrics, traces and logs of the server (configuration section <c>FaceAccord:Server:Observability</c>, environment
/// <c>FACEACCORD_Server__Observability__...</c>); docs/operations.md describes each.
/// </summary>
public sealed record ObservabilityOptions
{
    /// <summary>The value of <see cref="MetricsAllowedFrom"/> that admits loopback callers only.</summary>
    public const string Loopback = "loopback";

    /// <summary>The value of <see cref="MetricsAllowedFrom"/> that admits every caller.</summary>
    public const string Any = "any";

    public const string SimpleFormat = "simple";

    public const string JsonFormat = "json";

    /// <summary>Serves <c>GET /metrics</c> (Prometheus text) on the API's listener.</summary>
    public bool MetricsEnabled { get; init; } = true;

    /// <summary>
    /// Who may read <c>/metrics</c>, which needs no API key: <c>loopback</c>, <c>any</c>, or networks in CIDR form
    /// (<c>10.0.0.0/8</c>); others get 403. Loopback only by default.
    /// </summary>
    public IReadOnlyList<string> MetricsAllowedFrom { get; init; } = [Loopback];

    /// <summary>Labels operation and gallery metrics with the tenant id (off: a tenant id names a customer).</summary>
    public bool TenantLabels { get; init; }

    /// <summary>An OTLP collector (e.g. <c>http://127.0.0.1:4317</c>) that gets traces and metrics; null (default): none.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary><c>simple</c>: one plain line per event; <c>json</c>: one JSON object per line with trace id and problem code.</summary>
    public string LogFormat { get; init; } = SimpleFormat;

    /// <summary>How often the server recomputes the audit chain (also once at start); zero turns it off.</summary>
    public TimeSpan AuditVerificationInterval { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Whether <paramref name="address"/> may read <c>/metrics</c>.</summary>
    public bool AllowsMetrics(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        foreach (string allowed in MetricsAllowedFrom)
        {
            if (allowed.Equals(Any, StringComparison.OrdinalIgnoreCase)
                || (allowed.Equals(Loopback, StringComparison.OrdinalIgnoreCase) && IPAddress.IsLoopback(address))
                || (IPNetwork.TryParse(allowed, out var network) && network.Contains(address)))
            {
                return true;
            }
        }

        return false;
    }

    public void Validate()
    {
        foreach (string allowed in MetricsAllowedFrom)
        {
            if (!allowed.Equals(Any, StringComparison.OrdinalIgnoreCase) && !allowed.Equals(Loopback, StringComparison.OrdinalIgnoreCase) && !IPNetwork.TryParse(allowed, out _))
            {
                throw FaceAccordException.BadInput("config-invalid", $"MetricsAllowedFrom holds '{allowed}': give loopback, any, or a network such as 10.0.0.0/8.");
            }
        }

        if (LogFormat is not (SimpleFormat or JsonFormat))
        {
            throw FaceAccordException.BadInput("config-invalid", $"LogFormat must be {SimpleFormat} or {JsonFormat}, not '{LogFormat}'.");
        }

        if (AuditVerificationInterval < TimeSpan.Zero || (AuditVerificationInterval > TimeSpan.Zero && AuditVerificationInterval < TimeSpan.FromSeconds(1)))
        {
            throw FaceAccordException.BadInput("config-invalid", "AuditVerificationInterval must be zero (off) or at least 00:00:01.");
        }

        if (OtlpEndpoint is { IsAbsoluteUri: false })
        {
            throw FaceAccordException.BadInput("config-invalid", "OtlpEndpoint must be an absolute URI such as http://127.0.0.1:4317.");
        }
    }
}
