using System.Text;
using FaceAccord.Core;
using Npgsql;

namespace FaceAccord.Storage.Postgres;

/// <summary>The audit log table: appends serialised with every writer of every node, reads streamed in sequence order.</summary>
public sealed partial class PostgresFaceStore : IAuditLogStore
{
    private const string AuditColumns =
        "seq, format_version, at, tenant_id, key_id, operation, purpose, mode, legal_basis_type, legal_basis_reference, "
        + "decision, rule_ids, gallery_id, candidate_count, candidate_ids, reviewer_ids, detail, previous_hash, entry_hash, channel, status, problem";

    public AuditRow AppendAudit(Func<AuditChainHead, AuditRow> seal)
    {
        ArgumentNullException.ThrowIfNull(seal);

        // Write() holds the store's write lock (every node's writers take it): the head read here is still the head at insert.
        return Write((connection, transaction) =>
        {
            AuditChainHead head = ReadAuditHead(connection, transaction);
            AuditRow row = seal(head);
            ArgumentNullException.ThrowIfNull(row, nameof(seal));
            if (row.Sequence != head.LastSequence + 1 || !row.PreviousHash.AsSpan().SequenceEqual(head.LastHash))
            {
                throw new InvalidOperationException(
                    $"An audit entry must extend the chain: sequence {head.LastSequence + 1} linked to the last entry's hash (got sequence {row.Sequence}).");
            }

            using NpgsqlCommand insert = PgCommands.Create(
                connection,
                transaction,
                $"INSERT INTO audit_log ({AuditColumns}) VALUES (@seq, @format, @at, @tenant, @key, @operation, @purpose, @mode, "
                + "@basis_type, @basis_reference, @decision, @rules, @gallery, @candidate_count, @candidates, @reviewers, @detail, @previous, @hash, @channel, @status, @problem);");
            insert.With("@seq", row.Sequence).With("@format", row.FormatVersion).With("@at", PgCommands.ToStored(row.At))
                .With("@tenant", row.TenantId).With("@key", row.KeyId).With("@operation", row.Operation).With("@purpose", row.Purpose)
                .With("@mode", row.Mode).With("@basis_type", row.LegalBasisType).With("@basis_reference", row.LegalBasisReference)
                .With("@decision", row.Decision).With("@rules", row.RuleIdsJson).With("@gallery", row.GalleryId)
                .With("@candidate_count", row.CandidateCount).With("@candidates", row.CandidateIdsJson).With("@reviewers", row.ReviewerIdsJson)
                .With("@detail", row.DetailJson).With("@previous", row.PreviousHash).With("@hash", row.EntryHash)
                .With("@channel", row.Channel).With("@status", row.Status).With("@problem", row.Problem);
            insert.ExecuteNonQuery();
            return row;
        });
    }

    public AuditChainHead ReadAuditHead() => Read((connection, transaction) => ReadAuditHead(connection, transaction));

    public IEnumerable<AuditRow> ReadAudit(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadAuditRows(query);
    }

    private static AuditChainHead ReadAuditHead(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        using NpgsqlCommand select = PgCommands.Create(
            connection,
            transaction,
            "SELECT seq, entry_hash, seq FROM audit_log ORDER BY seq DESC LIMIT 1;");
        using NpgsqlDataReader reader = select.ExecuteReader();
        if (!reader.Read())
        {
            return AuditChainHead.Genesis;
        }

        long highest = reader.IsDBNull(2) ? 0 : reader.GetInt64(2);
        return reader.IsDBNull(0)
            ? AuditChainHead.Genesis with { HighestSequenceIssued = highest }
            : new AuditChainHead(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), Math.Max(highest, reader.GetInt64(0)));
    }

    private IEnumerable<AuditRow> ReadAuditRows(AuditQuery query)
    {
        // Only constant fragments are joined, so each filter can use its index; values travel as parameters.
        var sql = new StringBuilder($"SELECT {AuditColumns} FROM audit_log WHERE 1 = 1");
        if (query.TenantId is not null)
        {
            sql.Append(" AND tenant_id = @tenant");
        }

        if (query.From is not null)
        {
            sql.Append(" AND at >= @from");
        }

        if (query.Until is not null)
        {
            sql.Append(" AND at < @until");
        }

        sql.Append(" ORDER BY seq;");
        using NpgsqlConnection connection = Connect();
        using NpgsqlCommand select = PgCommands.Create(connection, null, sql.ToString());
        select.With("@tenant", query.TenantId)
            .With("@from", query.From is { } from ? PgCommands.ToStored(from) : null)
            .With("@until", query.Until is { } until ? PgCommands.ToStored(until) : null);
        using NpgsqlDataReader reader = select.ExecuteReader();
        long previous = 0;
        while (reader.Read())
        {
            AuditRow row;
            try
            {
                row = ReadAuditRow(reader);
            }
            catch (Exception ex) when (ex is InvalidCastException or FormatException or ArgumentException or OverflowException or InvalidOperationException)
            {
                throw new FaceAccordException(
                    ErrorKind.Environment,
                    "audit-entry-unreadable",
                    $"The audit entry after entry {previous} in {DatabasePath} cannot be read back: {ex.Message}",
                    ex);
            }

            previous = row.Sequence;
            yield return row;
        }
    }

    private static AuditRow ReadAuditRow(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetInt32(1),
        reader.GetTime(2),
        reader.GetNullableGuid(3),
        reader.GetString(4),
        reader.GetString(5),
        reader.GetNullableString(6),
        reader.GetNullableString(7),
        reader.GetNullableString(8),
        reader.GetNullableString(9),
        reader.GetString(10),
        reader.GetString(11),
        reader.GetNullableGuid(12),
        reader.GetInt32(13),
        reader.GetString(14),
        reader.GetString(15),
        reader.GetNullableString(16),
        reader.GetFieldValue<byte[]>(17),
        reader.GetFieldValue<byte[]>(18),
        reader.GetNullableString(19),
        reader.IsDBNull(20) ? null : reader.GetInt32(20),
        reader.GetNullableString(21));
}
