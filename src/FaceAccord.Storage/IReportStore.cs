namespace FaceAccord.Storage;

/// <summary>
/// What the reports need from the store beyond the audit log: review cases over a period (the transparency report
/// counts them) and published accountability reports (RCW 43.386.020), which the gatekeeper asks for before a
/// Washington agency may use the service.
/// </summary>
public interface IReportStore
{
    /// <summary>Keeps a published report whole; <c>tenant-not-found</c> when the tenant does not exist.</summary>
    PublishedReport SaveAccountabilityReport(NewPublishedReport report);

    /// <summary>The tenant's newest report for <paramref name="packId"/> (any pack when null), or null when none was published.</summary>
    PublishedReport? FindLatestAccountabilityReport(Guid tenantId, string? packId = null);

    /// <summary>Whether the tenant published a report for <paramref name="packId"/>: the gatekeeper asks on every
    /// request of a Washington agency, so it reads no report text.</summary>
    bool HasAccountabilityReport(Guid tenantId, string packId);

    /// <summary>Review cases created in [from, until), optionally one tenant's, oldest first, with their decisions.</summary>
    IReadOnlyList<ReviewCase> ListReviewCases(Guid? tenantId, DateTimeOffset? from, DateTimeOffset? until);
}

/// <summary>A report as the publisher hands it over: whose, for which pack, the Markdown and its SHA-256 (hex).</summary>
public sealed record NewPublishedReport(Guid TenantId, string PackId, string Markdown, string Sha256);

/// <summary>A published report as stored.</summary>
public sealed record PublishedReport(Guid Id, Guid TenantId, DateTimeOffset CreatedAt, string PackId, string Sha256, string Markdown);
