using System.Text.Json;
using FaceAccord.Core;
using Npgsql;

namespace FaceAccord.Storage.Postgres;

/// <summary>Consent records: what each person agreed to, and when they took it back.</summary>
public sealed partial class PostgresFaceStore : IConsentStore
{
    private const string ConsentColumns =
        "id, tenant_id, subject_external_id, purposes, notice_version, notice_sha256, signature_method, evidence_reference, "
        + "granted_at, expires_at, withdrawn_at, withdrawal_reason, recorded_at";

    public ConsentRecord CreateConsent(NewConsent consent)
    {
        ArgumentNullException.ThrowIfNull(consent);
        RequireText(consent.SubjectExternalId, "subject-external-id-required", "A consent needs the person's external id.");
        RequireText(consent.NoticeVersion, "notice-version-required", "A consent needs the version of the notice the person was given.");
        RequireText(consent.NoticeSha256, "notice-sha256-required", "A consent needs the SHA-256 of the notice's text.");
        RequireText(consent.SignatureMethod, "signature-method-required", "A consent needs how it was signed.");
        RequireText(consent.EvidenceReference, "evidence-reference-required", "A consent needs a reference to its evidence.");
        if (consent.Purposes is not { Count: > 0 } || consent.Purposes.Any(string.IsNullOrWhiteSpace))
        {
            throw FaceAccordException.BadInput("consent-purposes-required", "A consent covers one purpose or more.");
        }

        var stored = new ConsentRecord(Guid.NewGuid(), consent.TenantId, consent.SubjectExternalId, [.. consent.Purposes], consent.NoticeVersion,
            consent.NoticeSha256, consent.SignatureMethod, consent.EvidenceReference, consent.GrantedAt, consent.ExpiresAt, null, null, _time.GetUtcNow());
        return Write((connection, transaction) =>
        {
            if (!Exists(connection, transaction, "SELECT 1 FROM tenants WHERE id = @id;", consent.TenantId))
            {
                throw FaceAccordException.NotFound("tenant-not-found", $"Tenant {consent.TenantId} does not exist.");
            }

            using NpgsqlCommand insert = PgCommands.Create(
                connection,
                transaction,
                $"INSERT INTO consents ({ConsentColumns}) VALUES (@id, @tenant, @subject, @purposes, @notice_version, @notice_sha256, "
                + "@signature, @evidence, @granted, @expires, NULL, NULL, @recorded);");
            insert.With("@id", stored.Id).With("@tenant", stored.TenantId).With("@subject", stored.SubjectExternalId)
                .With("@purposes", JsonSerializer.Serialize(stored.Purposes)).With("@notice_version", stored.NoticeVersion)
                .With("@notice_sha256", stored.NoticeSha256).With("@signature", stored.SignatureMethod).With("@evidence", stored.EvidenceReference)
                .With("@granted", PgCommands.ToStored(stored.GrantedAt))
                .With("@expires", stored.ExpiresAt is { } e ? PgCommands.ToStored(e) : null)
                .With("@recorded", PgCommands.ToStored(stored.RecordedAt));
            insert.ExecuteNonQuery();
            return stored;
        });
    }

    public ConsentRecord? FindConsent(Guid tenantId, Guid consentId) => Read((connection, transaction) => FindConsent(connection, transaction, tenantId, consentId));

    public IReadOnlyList<ConsentRecord> ListConsents(Guid tenantId, string subjectExternalId)
    {
        ArgumentNullException.ThrowIfNull(subjectExternalId);
        return Read((connection, transaction) =>
        {
            using NpgsqlCommand select = PgCommands.Create(
                connection,
                transaction,
                $"SELECT {ConsentColumns} FROM consents WHERE tenant_id = @tenant AND subject_external_id = @subject ORDER BY recorded_at, rowid;");
            select.With("@tenant", tenantId).With("@subject", subjectExternalId);
            using NpgsqlDataReader reader = select.ExecuteReader();
            var consents = new List<ConsentRecord>();
            while (reader.Read())
            {
                consents.Add(ReadConsent(reader));
            }

            return consents;
        });
    }

    public ConsentRecord WithdrawConsent(Guid tenantId, Guid consentId, string? reason, DateTimeOffset at) =>
        Write((connection, transaction) =>
        {
            var current = FindConsent(connection, transaction, tenantId, consentId)
                ?? throw FaceAccordException.NotFound("consent-not-found", $"There is no consent {consentId}.");
            if (current.WithdrawnAt is not null)
            {
                throw FaceAccordException.BadInput("consent-withdrawn", $"Consent {consentId} was already withdrawn at {current.WithdrawnAt:O}.");
            }

            using NpgsqlCommand update = PgCommands.Create(
                connection,
                transaction,
                "UPDATE consents SET withdrawn_at = @at, withdrawal_reason = @reason WHERE id = @id AND withdrawn_at IS NULL;");
            update.With("@at", PgCommands.ToStored(at)).With("@reason", reason).With("@id", consentId);
            update.ExecuteNonQuery();
            return current with { WithdrawnAt = at, WithdrawalReason = reason };
        });

    public IReadOnlyList<Subject> ListSubjectsUnderConsent(Guid tenantId, Guid consentId) => Read((connection, transaction) =>
    {
        using NpgsqlCommand select = PgCommands.Create(
            connection,
            transaction,
            $"SELECT {string.Join(", ", SubjectColumns.Split(", ").Select(c => "s." + c))} "
            + "FROM subjects s JOIN galleries g ON g.id = s.gallery_id "
            + "WHERE s.legal_basis_type = 'consent' AND s.legal_basis_reference = @reference AND g.tenant_id = @tenant ORDER BY s.key;");
        select.With("@reference", ConsentReference(consentId)).With("@tenant", tenantId);
        using NpgsqlDataReader reader = select.ExecuteReader();
        var subjects = new List<Subject>();
        while (reader.Read())
        {
            subjects.Add(ReadSubject(reader));
        }

        return subjects;
    });

    /// <summary>How a consent id is written as a subject's legal basis reference (the service stores it in this form).</summary>
    public static string ConsentReference(Guid consentId) => consentId.ToString("D");

    private static ConsentRecord? FindConsent(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid tenantId, Guid consentId)
    {
        using NpgsqlCommand select = PgCommands.Create(connection, transaction, $"SELECT {ConsentColumns} FROM consents WHERE id = @id AND tenant_id = @tenant;");
        select.With("@id", consentId).With("@tenant", tenantId);
        using NpgsqlDataReader reader = select.ExecuteReader();
        return reader.Read() ? ReadConsent(reader) : null;
    }

    private static ConsentRecord ReadConsent(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetGuid(1),
        reader.GetString(2),
        JsonSerializer.Deserialize<string[]>(reader.GetString(3)) ?? [],
        reader.GetString(4),
        reader.GetString(5),
        reader.GetString(6),
        reader.GetString(7),
        reader.GetTime(8),
        reader.GetNullableTime(9),
        reader.GetNullableTime(10),
        reader.GetNullableString(11),
        reader.GetTime(12));
}
