using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FaceAccord.Core;
using FaceAccord.Storage;

namespace FaceAccord.Governance.Audit;

/// <summary>
/// Turns records into stored rows and back. The JSON texts are written here, once, at append; the hash covers
/// those exact texts, so re-reading never needs the writer to be byte-for-byte stable across versions.
/// </summary>
internal static class AuditRowCodec
{
    public static string DecisionText(AuditDecision decision) => decision switch
    {
        AuditDecision.Allow => "allow",
        AuditDecision.Deny => "deny",
        AuditDecision.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, null),
    };

    public static AuditDecision ParseDecision(string text) => text switch
    {
        "allow" => AuditDecision.Allow,
        "deny" => AuditDecision.Deny,
        "error" => AuditDecision.Error,
        _ => throw new FormatException($"'{text}' is not an audit decision."),
    };

    public static string StringArray(IReadOnlyList<string> values) => WriteJson(writer =>
    {
        writer.WriteStartArray();
        foreach (string value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    });

    public static string GuidArray(IReadOnlyList<Guid> values) => WriteJson(writer =>
    {
        writer.WriteStartArray();
        foreach (Guid value in values)
        {
            writer.WriteStringValue(value.ToString("D", CultureInfo.InvariantCulture));
        }

        writer.WriteEndArray();
    });

    public static string? Detail(JsonElement? detail) => detail is { } element ? WriteJson(element.WriteTo) : null;

    /// <summary>Reads a stored row back as an entry; a field of the wrong shape is FaceAccordException <c>audit-entry-unreadable</c>.</summary>
    public static AuditEntry ToEntry(AuditRow row)
    {
        try
        {
            var record = new AuditRecord
            {
                TenantId = row.TenantId,
                KeyId = row.KeyId,
                Operation = row.Operation,
                Purpose = row.Purpose,
                Mode = row.Mode,
                LegalBasis = row.LegalBasisType is null && row.LegalBasisReference is null
                    ? null
                    : new LegalBasis(row.LegalBasisType ?? string.Empty, row.LegalBasisReference),
                Decision = ParseDecision(row.Decision),
                RuleIds = JsonSerializer.Deserialize<string[]>(row.RuleIdsJson) ?? throw new FormatException("rule ids are null"),
                GalleryId = row.GalleryId,
                CandidateCount = row.CandidateCount,
                CandidateSubjectIds = JsonSerializer.Deserialize<Guid[]>(row.CandidateIdsJson) ?? throw new FormatException("candidate ids are null"),
                ReviewerIds = JsonSerializer.Deserialize<string[]>(row.ReviewerIdsJson) ?? throw new FormatException("reviewer ids are null"),
                Detail = row.DetailJson is null ? null : ParseElement(row.DetailJson),
                Channel = row.Channel,
                Status = row.Status,
                Problem = row.Problem,
            };
            return new AuditEntry(row.Sequence, row.FormatVersion, row.At, record, row.PreviousHash, row.EntryHash);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw new FaceAccordException(
                ErrorKind.Environment,
                "audit-entry-unreadable",
                $"Audit entry {row.Sequence} cannot be read back: {ex.Message}",
                ex);
        }
    }

    private static JsonElement ParseElement(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static string WriteJson(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
