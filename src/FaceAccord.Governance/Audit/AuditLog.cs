using System.Buffers;
using FaceAccord.Core;
using FaceAccord.Governance.Telemetry;
using FaceAccord.Storage;

namespace FaceAccord.Governance.Audit;

/// <summary>
/// The tamper-evident record of every governed request: each entry is sealed with the SHA-256 of its
/// canonical form, which includes the previous entry's hash, so the log can be recomputed at any time and
/// the first entry that was edited, removed or moved behind the store's back is named.
/// </summary>
public sealed class AuditLog
{
    private readonly IAuditLogStore _store;
    private readonly TimeProvider _time;

    public AuditLog(IAuditLogStore store, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// Appends <paramref name="record"/> as the next entry, atomically with respect to every other writer of the
    /// same store file. Throws FaceAccordException (BadInput) with code <c>audit-record-invalid</c> for a record
    /// missing what an entry needs, or <c>audit-detail-refused</c> for detail that looks like biometric data.
    /// </summary>
    public AuditEntry Append(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var activity = AuditTelemetry.StartAppend();
        Validate(record);
        int candidateCount = record.CandidateCount ?? record.CandidateSubjectIds.Count;

        // Everything that does not depend on the chain's head is encoded before the write lock is taken.
        string ruleIds = AuditRowCodec.StringArray(record.RuleIds);
        string candidateIds = AuditRowCodec.GuidArray(record.CandidateSubjectIds);
        string reviewerIds = AuditRowCodec.StringArray(record.ReviewerIds);
        string? detail = AuditRowCodec.Detail(record.Detail);
        string decision = AuditRowCodec.DecisionText(record.Decision);

        AuditRow stored = _store.AppendAudit(head =>
        {
            // Stamped inside the transaction, so times follow sequence numbers as far as the clock does.
            var row = new AuditRow(
                head.LastSequence + 1,
                AuditCanonicalForm.CurrentVersion,
                _time.GetUtcNow(),
                record.TenantId,
                record.KeyId,
                record.Operation,
                record.Purpose,
                record.Mode,
                record.LegalBasis?.Type,
                record.LegalBasis?.Reference,
                decision,
                ruleIds,
                record.GalleryId,
                candidateCount,
                candidateIds,
                reviewerIds,
                detail,
                head.LastHash,
                [],
                record.Channel,
                record.Status,
                record.Problem);
            return row with { EntryHash = AuditCanonicalForm.ComputeHash(row) };
        });
        AuditTelemetry.Appended(record.Decision);
        return new AuditEntry(stored.Sequence, stored.FormatVersion, stored.At, record with { CandidateCount = candidateCount }, stored.PreviousHash, stored.EntryHash);
    }

    /// <summary>
    /// Recomputes the whole chain from the genesis hash and reports the first break, named by the sequence number
    /// where the chain stops being what it claims: an edited or moved entry by its own number; a deleted entry by
    /// the number that is missing; an entry whose predecessor was rewritten and re-hashed by its own number; with
    /// <paramref name="anchors"/>, an entry that no longer hashes to the head recorded outside the store, and a log
    /// that ends before an anchored entry.
    /// </summary>
    public AuditVerification Verify(IReadOnlyCollection<AuditAnchor>? anchors = null)
    {
        var result = VerifyChain(anchors);
        AuditTelemetry.Verified(result, _time.GetUtcNow());
        return result;
    }

    private AuditVerification VerifyChain(IReadOnlyCollection<AuditAnchor>? anchors)
    {
        var anchored = new Dictionary<long, byte[]>();
        foreach (AuditAnchor anchor in anchors ?? [])
        {
            if (anchored.TryGetValue(anchor.Sequence, out byte[]? other) && !other.AsSpan().SequenceEqual(anchor.Hash))
            {
                throw FaceAccordException.BadInput("anchor-conflict", $"Two anchors of entry {anchor.Sequence} disagree; at most one of them can be right.");
            }

            anchored[anchor.Sequence] = anchor.Hash;
        }

        // Read before the scan: entries appended while it runs only raise the count, never fake a truncation.
        long highestIssued = _store.ReadAuditHead().HighestSequenceIssued;
        byte[] previous = AuditChainHead.Genesis.LastHash;
        long expected = 1;
        var scratch = new ArrayBufferWriter<byte>(512);
        Span<byte> computed = stackalloc byte[AuditChainHead.HashLength];

        using IEnumerator<AuditRow> rows = _store.ReadAudit(AuditQuery.All).GetEnumerator();
        while (true)
        {
            AuditRow row;
            try
            {
                if (!rows.MoveNext())
                {
                    break;
                }

                row = rows.Current;
            }
            catch (FaceAccordException ex) when (ex.Code == "audit-entry-unreadable")
            {
                return Broken(expected, previous, AuditBreakKind.Unreadable, $"entry {expected} cannot be read back: {ex.Message}");
            }

            if (row.Sequence != expected)
            {
                string why = row.Sequence > expected
                    ? $"entry {expected} is missing: the entry after {expected - 1} is numbered {row.Sequence}"
                    : $"entry {expected} is missing: an entry numbered {row.Sequence} stands in its place";
                return Broken(expected, previous, AuditBreakKind.SequenceGap, why);
            }

            if (!AuditCanonicalForm.IsKnownVersion(row.FormatVersion))
            {
                return Broken(expected, previous, AuditBreakKind.UnknownFormat, $"entry {expected} claims serialisation version {row.FormatVersion}, which this FaceAccord does not know");
            }

            if (row.PreviousHash.Length != AuditChainHead.HashLength)
            {
                return Broken(expected, previous, AuditBreakKind.PreviousHashMismatch, $"entry {expected} holds a previous hash of {row.PreviousHash.Length} bytes, not {AuditChainHead.HashLength}");
            }

            // Version 1 hashed no channel, status or problem: any found on such an entry was added after it was sealed.
            if (row.FormatVersion == AuditCanonicalForm.FirstVersion && (row.Channel is not null || row.Status is not null || row.Problem is not null))
            {
                return Broken(expected, previous, AuditBreakKind.HashMismatch, $"entry {expected} of version 1 carries a channel, status or problem, which that version never held: they were added later");
            }

            AuditCanonicalForm.ComputeHash(row, scratch, computed);
            if (!computed.SequenceEqual(row.EntryHash))
            {
                return Broken(expected, previous, AuditBreakKind.HashMismatch, $"entry {expected} does not match its hash: a field was changed, or the entry was moved");
            }

            if (!row.PreviousHash.AsSpan().SequenceEqual(previous))
            {
                return Broken(expected, previous, AuditBreakKind.PreviousHashMismatch, $"entry {expected} does not link to entry {expected - 1}: the entries before it were rewritten");
            }

            if (anchored.TryGetValue(expected, out byte[]? recorded) && !recorded.AsSpan().SequenceEqual(row.EntryHash))
            {
                return Broken(expected, previous, AuditBreakKind.AnchorMismatch,
                    $"entry {expected} no longer hashes to the anchor recorded for it: the log was rewritten from entry {expected} or earlier and re-hashed");
            }

            previous = row.EntryHash;
            expected++;
        }

        long count = expected - 1;
        long lastAnchored = anchored.Count == 0 ? 0 : anchored.Keys.Max();
        if (lastAnchored > count)
        {
            return Broken(expected, previous, AuditBreakKind.Truncated,
                $"an anchor records entry {lastAnchored} but the log ends at entry {count}: the newest entries were removed");
        }

        if (highestIssued > count)
        {
            return Broken(
                expected,
                previous,
                AuditBreakKind.Truncated,
                $"entries {expected} to {highestIssued} were issued but the log ends at entry {count}: the newest entries were removed");
        }

        return new AuditVerification(count, previous, null);
    }

    /// <summary>
    /// Streams entries in sequence order, optionally one tenant's or a time range's. Export does not verify; run
    /// <see cref="Verify"/> to know the entries are what was written.
    /// </summary>
    public IEnumerable<AuditEntry> Export(AuditQuery? query = null) =>
        _store.ReadAudit(query ?? AuditQuery.All).Select(AuditRowCodec.ToEntry);

    private static AuditVerification Broken(long sequence, byte[] headHash, AuditBreakKind kind, string explanation) =>
        new(sequence - 1, headHash, new AuditBreak(sequence, kind, explanation));

    private static void Validate(AuditRecord record)
    {
        RequireText(record.KeyId, "key id");
        RequireText(record.Operation, "operation");
        if (!Enum.IsDefined(record.Decision))
        {
            throw Invalid($"decision {(int)record.Decision} is not allow, deny or error");
        }

        if (record.LegalBasis is { } basis)
        {
            RequireText(basis.Type, "legal basis type");
        }

        RequireAll(record.RuleIds, "rule id");
        RequireAll(record.ReviewerIds, "reviewer id");
        ArgumentNullException.ThrowIfNull(record.CandidateSubjectIds);
        if (record.CandidateCount is { } count && count < record.CandidateSubjectIds.Count)
        {
            throw Invalid($"candidate count {count} is less than the {record.CandidateSubjectIds.Count} candidate ids listed");
        }

        if (record.Detail is { } detail)
        {
            AuditDetailGuard.Check(detail);
        }

        if (record.Channel is { } channel)
        {
            RequireText(channel, "channel");
        }

        if (record.Problem is { } problem)
        {
            RequireText(problem, "problem code");
        }
    }

    private static void RequireAll(IReadOnlyList<string> values, string what)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (string value in values)
        {
            RequireText(value, what);
        }
    }

    private static void RequireText(string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Invalid($"a {what} is missing or blank");
        }
    }

    private static FaceAccordException Invalid(string why) =>
        FaceAccordException.BadInput("audit-record-invalid", $"The audit record is incomplete: {why}.");
}
