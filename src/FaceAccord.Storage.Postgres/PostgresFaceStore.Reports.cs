using FaceAccord.Core;
using Npgsql;

namespace FaceAccord.Storage.Postgres;

/// <summary>Published accountability reports and the period queries of the transparency report.</summary>
public sealed partial class PostgresFaceStore : IReportStore
{
    public PublishedReport SaveAccountabilityReport(NewPublishedReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        RequireText(report.PackId, "report-pack-required", "A published report needs the pack it describes.");
        RequireText(report.Markdown, "report-empty", "A published report needs its text.");
        if (report.Sha256 is not { Length: 64 } || !report.Sha256.All(Uri.IsHexDigit))
        {
            throw FaceAccordException.BadInput("report-hash-invalid", "A published report needs the SHA-256 of its text as 64 hex digits.");
        }

        var stored = new PublishedReport(Guid.NewGuid(), report.TenantId, _time.GetUtcNow(), report.PackId, report.Sha256.ToLowerInvariant(), report.Markdown);
        return Write((connection, transaction) =>
        {
            using (NpgsqlCommand owner = PgCommands.Create(connection, transaction, "SELECT 1 FROM tenants WHERE id = @id;"))
            {
                owner.With("@id", report.TenantId);
                if (owner.ExecuteScalar() is null)
                {
                    throw FaceAccordException.NotFound("tenant-not-found", $"There is no tenant {report.TenantId}.");
                }
            }

            using NpgsqlCommand insert = PgCommands.Create(
                connection,
                transaction,
                "INSERT INTO accountability_reports (id, tenant_id, created_at, pack_id, sha256, markdown) VALUES (@id, @tenant, @at, @pack, @sha, @md);");
            insert.With("@id", stored.Id).With("@tenant", stored.TenantId).With("@at", PgCommands.ToStored(stored.CreatedAt))
                .With("@pack", stored.PackId).With("@sha", stored.Sha256).With("@md", stored.Markdown);
            insert.ExecuteNonQuery();
            return stored;
        });
    }

    public PublishedReport? FindLatestAccountabilityReport(Guid tenantId, string? packId = null) => Read((connection, transaction) =>
    {
        using NpgsqlCommand select = PgCommands.Create(
            connection,
            transaction,
            "SELECT id, tenant_id, created_at, pack_id, sha256, markdown FROM accountability_reports "
            + "WHERE tenant_id = @tenant AND (@pack::text IS NULL OR pack_id = @pack) ORDER BY created_at DESC, rowid DESC LIMIT 1;");
        select.With("@tenant", tenantId).With("@pack", packId);
        using NpgsqlDataReader reader = select.ExecuteReader();
        return reader.Read()
            ? new PublishedReport(reader.GetGuid(0), reader.GetGuid(1), reader.GetTime(2), reader.GetString(3), reader.GetString(4), reader.GetString(5))
            : null;
    });

    public bool HasAccountabilityReport(Guid tenantId, string packId) => Read((connection, transaction) =>
    {
        using NpgsqlCommand select = PgCommands.Create(
            connection, transaction, "SELECT 1 FROM accountability_reports WHERE tenant_id = @tenant AND pack_id = @pack LIMIT 1;");
        select.With("@tenant", tenantId).With("@pack", packId);
        return select.ExecuteScalar() is not null;
    });

    public IReadOnlyList<ReviewCase> ListReviewCases(Guid? tenantId, DateTimeOffset? from, DateTimeOffset? until) => Read((connection, transaction) =>
    {
        var keys = new List<(Guid Tenant, Guid Case)>();
        using (NpgsqlCommand select = PgCommands.Create(
            connection,
            transaction,
            "SELECT tenant_id, id FROM review_cases WHERE (@tenant::uuid IS NULL OR tenant_id = @tenant) "
            + "AND (@from::bigint IS NULL OR created_at >= @from) AND (@until::bigint IS NULL OR created_at < @until) ORDER BY created_at, rowid;"))
        {
            select.With("@tenant", tenantId).With("@from", from is { } f ? PgCommands.ToStored(f) : null)
                .With("@until", until is { } u ? PgCommands.ToStored(u) : null);
            using NpgsqlDataReader reader = select.ExecuteReader();
            while (reader.Read())
            {
                keys.Add((reader.GetGuid(0), reader.GetGuid(1)));
            }
        }

        // One case at a time through the same reader the queue uses, so a listed case reads exactly as a fetched one.
        return (IReadOnlyList<ReviewCase>)[.. keys.Select(k => ReadReviewCase(connection, transaction, k.Tenant, k.Case)).OfType<ReviewCase>()];
    });
}
