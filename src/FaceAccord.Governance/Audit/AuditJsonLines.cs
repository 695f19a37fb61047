using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FaceAccord.Governance.Audit;

/// <summary>
/// Writes entries as JSON Lines (one object per line), so an export of any size streams out without being held
/// in memory and each line can be checked on its own. Hashes are lowercase hex, times ISO 8601 UTC.
/// </summary>
public static class AuditJsonLines
{
    /// <summary>Writes every entry, one line each; returns how many were written.</summary>
    public static long Write(TextWriter output, IEnumerable<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(entries);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        long count = 0;
        foreach (AuditEntry entry in entries)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            WriteEntry(writer, entry);
            writer.Flush();
            output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
            count++;
        }

        return count;
    }

    /// <summary>One entry as a JSON object: the record's fields plus sequence, formatVersion, at, previousHash and entryHash.</summary>
    public static void WriteEntry(Utf8JsonWriter writer, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(entry);
        AuditRecord record = entry.Record;
        writer.WriteStartObject();
        writer.WriteNumber("sequence", entry.Sequence);
        writer.WriteNumber("formatVersion", entry.FormatVersion);
        writer.WriteString("at", entry.At.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        WriteOptionalGuid(writer, "tenantId", record.TenantId);
        writer.WriteString("keyId", record.KeyId);
        writer.WriteString("operation", record.Operation);
        writer.WriteString("purpose", record.Purpose);
        writer.WriteString("mode", record.Mode);
        if (record.LegalBasis is { } basis)
        {
            writer.WriteStartObject("legalBasis");
            writer.WriteString("type", basis.Type);
            writer.WriteString("reference", basis.Reference);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("legalBasis");
        }

        writer.WriteString("decision", AuditRowCodec.DecisionText(record.Decision));
        WriteStrings(writer, "ruleIds", record.RuleIds);
        WriteOptionalGuid(writer, "galleryId", record.GalleryId);
        writer.WriteNumber("candidateCount", record.CandidateCount ?? record.CandidateSubjectIds.Count);
        writer.WriteStartArray("candidateSubjectIds");
        foreach (Guid id in record.CandidateSubjectIds)
        {
            writer.WriteStringValue(id);
        }

        writer.WriteEndArray();
        WriteStrings(writer, "reviewerIds", record.ReviewerIds);
        writer.WritePropertyName("detail");
        if (record.Detail is { } detail)
        {
            detail.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WriteString("channel", record.Channel);
        if (record.Status is { } status)
        {
            writer.WriteNumber("status", status);
        }
        else
        {
            writer.WriteNull("status");
        }

        writer.WriteString("problem", record.Problem);
        writer.WriteString("previousHash", Convert.ToHexStringLower(entry.PreviousHash));
        writer.WriteString("entryHash", Convert.ToHexStringLower(entry.EntryHash));
        writer.WriteEndObject();
    }

    private static void WriteOptionalGuid(Utf8JsonWriter writer, string name, Guid? value)
    {
        if (value is { } id)
        {
            writer.WriteString(name, id);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (string value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
