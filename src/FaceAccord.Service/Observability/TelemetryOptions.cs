namespace FaceAccord.Service.Observability;

/// <summary>What the service's metrics may say about who asked.</summary>
public sealed record TelemetryOptions
{
    /// <summary>
    /// Adds the tenant id as a <c>tenant</c> label to the operation metrics. Off by default: a tenant id names a
    /// customer, and every tenant multiplies the series a scraper keeps.
    /// </summary>
    public bool TenantLabels { get; init; }
}
