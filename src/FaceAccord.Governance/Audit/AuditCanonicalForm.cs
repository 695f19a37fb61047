using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using FaceAccord.Storage;

namespace FaceAccord.Governance.Audit;

/// <summary>
/// The one byte layout an audit entry is hashed in, written down so any verifier (ours or an auditor's) gets
/// the same SHA-256 from the same row. Version 1, all integers big-endian:
/// <code>
/// str("FaceAccord.AuditEntry") · i32 version · i64 sequence · i64 time (UTC ticks, 100 ns since 0001-01-01)
/// · opt(guid tenant) · str(key id) · str(operation) · opt(str purpose) · opt(str mode)
/// · opt(str legal basis type) · opt(str legal basis reference) · str(decision) · str(rule ids JSON)
/// · opt(guid gallery) · i32 candidate count · str(candidate ids JSON) · str(reviewer ids JSON)
/// · opt(str detail JSON) · 32 bytes previous hash
/// </code>
/// Version 2 appends, after the previous hash, what the caller got: opt(str channel) · opt(i32 status) · opt(str problem).
/// where str(s) = i32 byte length · UTF-8 bytes, opt(x) = 0x00 when absent or 0x01 · x, and guid = its 16
/// bytes in RFC 9562 (big-endian) order. Every field is length-prefixed or fixed-size, so no two different
/// entries share a serialisation; JSON fields are hashed as the exact text stored.
/// </summary>
public static class AuditCanonicalForm
{
    /// <summary>The serialisation version new entries are written with.</summary>
    public const int CurrentVersion = 2;

    /// <summary>The first version, without channel, status and problem; entries written in it are verified as they were hashed.</summary>
    public const int FirstVersion = 1;

    private const string Domain = "FaceAccord.AuditEntry";

    /// <summary>True for the versions this code can hash.</summary>
    public static bool IsKnownVersion(int version) => version is FirstVersion or CurrentVersion;

    /// <summary>SHA-256 of the row's canonical form (its <see cref="AuditRow.EntryHash"/> is not part of it).</summary>
    public static byte[] ComputeHash(AuditRow row)
    {
        var scratch = new ArrayBufferWriter<byte>(512);
        var hash = new byte[AuditChainHead.HashLength];
        ComputeHash(row, scratch, hash);
        return hash;
    }

    /// <summary>Hashes into <paramref name="destination"/> reusing <paramref name="scratch"/>, so a long verification allocates no buffers per entry.</summary>
    public static void ComputeHash(AuditRow row, ArrayBufferWriter<byte> scratch, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        scratch.ResetWrittenCount();
        Write(row, scratch);
        SHA256.HashData(scratch.WrittenSpan, destination);
    }

    /// <summary>Appends the canonical form of <paramref name="row"/> to <paramref name="output"/>.</summary>
    public static void Write(AuditRow row, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(output);
        if (!IsKnownVersion(row.FormatVersion))
        {
            throw new ArgumentException($"Audit serialisation version {row.FormatVersion} is unknown; this code knows versions {FirstVersion} and {CurrentVersion}.", nameof(row));
        }

        if (row.PreviousHash.Length != AuditChainHead.HashLength)
        {
            throw new ArgumentException($"A previous hash has {AuditChainHead.HashLength} bytes, not {row.PreviousHash.Length}.", nameof(row));
        }

        String(output, Domain);
        Int32(output, row.FormatVersion);
        Int64(output, row.Sequence);
        Int64(output, row.At.UtcTicks);
        OptionalGuid(output, row.TenantId);
        String(output, row.KeyId);
        String(output, row.Operation);
        OptionalString(output, row.Purpose);
        OptionalString(output, row.Mode);
        OptionalString(output, row.LegalBasisType);
        OptionalString(output, row.LegalBasisReference);
        String(output, row.Decision);
        String(output, row.RuleIdsJson);
        OptionalGuid(output, row.GalleryId);
        Int32(output, row.CandidateCount);
        String(output, row.CandidateIdsJson);
        String(output, row.ReviewerIdsJson);
        OptionalString(output, row.DetailJson);
        output.Write(row.PreviousHash);
        if (row.FormatVersion >= CurrentVersion)
        {
            OptionalString(output, row.Channel);
            Presence(output, row.Status.HasValue);
            if (row.Status is { } status)
            {
                Int32(output, status);
            }

            OptionalString(output, row.Problem);
        }
    }

    private static void Int32(IBufferWriter<byte> output, int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(output.GetSpan(sizeof(int)), value);
        output.Advance(sizeof(int));
    }

    private static void Int64(IBufferWriter<byte> output, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(output.GetSpan(sizeof(long)), value);
        output.Advance(sizeof(long));
    }

    private static void String(IBufferWriter<byte> output, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int length = Encoding.UTF8.GetByteCount(value);
        Int32(output, length);
        Encoding.UTF8.GetBytes(value, output.GetSpan(length));
        output.Advance(length);
    }

    private static void OptionalString(IBufferWriter<byte> output, string? value)
    {
        Presence(output, value is not null);
        if (value is not null)
        {
            String(output, value);
        }
    }

    private static void OptionalGuid(IBufferWriter<byte> output, Guid? value)
    {
        Presence(output, value.HasValue);
        if (value is { } id)
        {
            id.TryWriteBytes(output.GetSpan(16), bigEndian: true, out int written);
            output.Advance(written);
        }
    }

    private static void Presence(IBufferWriter<byte> output, bool present)
    {
        output.GetSpan(1)[0] = present ? (byte)1 : (byte)0;
        output.Advance(1);
    }
}
