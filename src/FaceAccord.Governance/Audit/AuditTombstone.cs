using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace FaceAccord.Governance.Audit;

/// <summary>
/// What a deletion leaves behind in the audit log: why, and the ids of what was removed, nothing else. The
/// types admit only ids, so a tombstone cannot carry a template, an image or a name by construction.
/// </summary>
public sealed record AuditTombstone(AuditDeletionReason Reason, Guid? GalleryId, IReadOnlyList<Guid> SubjectIds, IReadOnlyList<Guid> FaceIds)
{
    private const string Property = "tombstone";

    /// <summary>The detail JSON for the deletion's audit record: <c>{"tombstone":{"reason","galleryId","subjectIds","faceIds"}}</c>.</summary>
    public JsonElement ToDetail()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject(Property);
            writer.WriteString("reason", ReasonText(Reason));
            if (GalleryId is { } gallery)
            {
                writer.WriteString("galleryId", gallery);
            }
            else
            {
                writer.WriteNull("galleryId");
            }

            WriteIds(writer, "subjectIds", SubjectIds);
            WriteIds(writer, "faceIds", FaceIds);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        using JsonDocument document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>Reads a tombstone back from an entry's detail; false when the detail is not one.</summary>
    public static bool TryRead(JsonElement? detail, [NotNullWhen(true)] out AuditTombstone? tombstone)
    {
        tombstone = null;
        if (detail is not { ValueKind: JsonValueKind.Object } root
            || !root.TryGetProperty(Property, out JsonElement body)
            || body.ValueKind != JsonValueKind.Object
            || !body.TryGetProperty("reason", out JsonElement reason)
            || ParseReason(reason.ValueKind == JsonValueKind.String ? reason.GetString() : null) is not { } parsed
            || !TryReadIds(body, "subjectIds", out Guid[]? subjects)
            || !TryReadIds(body, "faceIds", out Guid[]? faces))
        {
            return false;
        }

        Guid? gallery = null;
        if (body.TryGetProperty("galleryId", out JsonElement galleryElement) && galleryElement.ValueKind != JsonValueKind.Null)
        {
            if (galleryElement.ValueKind != JsonValueKind.String || !Guid.TryParse(galleryElement.GetString(), out Guid galleryId))
            {
                return false;
            }

            gallery = galleryId;
        }

        tombstone = new AuditTombstone(parsed, gallery, subjects, faces);
        return true;
    }

    private static void WriteIds(Utf8JsonWriter writer, string name, IReadOnlyList<Guid> ids)
    {
        writer.WriteStartArray(name);
        foreach (Guid id in ids)
        {
            writer.WriteStringValue(id);
        }

        writer.WriteEndArray();
    }

    private static string ReasonText(AuditDeletionReason reason) => reason switch
    {
        AuditDeletionReason.DataSubjectRequest => "data-subject-request",
        AuditDeletionReason.ConsentWithdrawn => "consent-withdrawn",
        AuditDeletionReason.RetentionExpired => "retention-expired",
        AuditDeletionReason.OperatorRequest => "operator-request",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    private static AuditDeletionReason? ParseReason(string? text) => text switch
    {
        "data-subject-request" => AuditDeletionReason.DataSubjectRequest,
        "consent-withdrawn" => AuditDeletionReason.ConsentWithdrawn,
        "retention-expired" => AuditDeletionReason.RetentionExpired,
        "operator-request" => AuditDeletionReason.OperatorRequest,
        _ => null,
    };

    private static bool TryReadIds(JsonElement body, string name, [NotNullWhen(true)] out Guid[]? ids)
    {
        ids = null;
        if (!body.TryGetProperty(name, out JsonElement array) || array.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var read = new Guid[array.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !Guid.TryParse(item.GetString(), out read[i++]))
            {
                return false;
            }
        }

        ids = read;
        return true;
    }
}
