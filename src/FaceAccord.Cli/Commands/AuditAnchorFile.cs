using System.Text.Json;
using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Storage;

namespace FaceAccord.Cli.Commands;

/// <summary>
/// Reads anchors from the lines <c>audit verify --json</c> printed earlier (<c>count</c> and <c>headHash</c>), so the
/// only tooling an operator needs to anchor the log is a scheduled append to a file kept somewhere else.
/// </summary>
public static class AuditAnchorFile
{
    /// <summary>The anchors of <paramref name="file"/>; <c>anchor-file-not-found</c>, <c>anchor-file-empty</c> or
    /// <c>anchor-invalid</c> (naming the line) when it cannot serve.</summary>
    public static IEnumerable<AuditAnchor> Read(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!file.Exists)
        {
            throw FaceAccordException.NotFound("anchor-file-not-found", $"There is no anchor file {file.FullName}.");
        }

        // The outputs are appended one after another, indented or one per line; read them as a sequence of JSON values.
        // A byte-order mark, which some editors add, is not JSON: skip it.
        byte[] bytes = File.ReadAllBytes(file.FullName);
        int bom = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var reader = new Utf8JsonReader(bytes.AsSpan(bom), new JsonReaderOptions { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip });
        var anchors = new List<AuditAnchor>();
        int values = 0;
        while (true)
        {
            long start = reader.BytesConsumed;
            JsonDocument? doc;
            try
            {
                // Step onto the next value's first token; after the last value there is none.
                if (!reader.Read() || !JsonDocument.TryParseValue(ref reader, out doc))
                {
                    break;
                }
            }
            catch (JsonException e)
            {
                throw FaceAccordException.BadInput("anchor-invalid", $"{Where(file, bytes, start)} is not JSON: {e.Message}");
            }

            using (doc)
            {
                values++;
                if (Parse(doc.RootElement, Where(file, bytes, bom + start)) is { } anchor)
                {
                    anchors.Add(anchor);
                }
            }
        }

        // An empty file would check nothing while the command reports success: the wrong file, or a schedule that never ran.
        return values > 0
            ? anchors
            : throw FaceAccordException.BadInput("anchor-file-empty", $"{file.Name} holds no 'audit verify --json' output to check against.");
    }

    /// <summary>The anchor of one output; null for the head of an empty log (count 0, the all-zero genesis hash),
    /// which a schedule records before the first request and which anchors nothing.</summary>
    private static AuditAnchor? Parse(JsonElement root, string where)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("count", out JsonElement count) || !count.TryGetInt64(out long sequence)
            || !root.TryGetProperty("headHash", out JsonElement hash) || hash.ValueKind != JsonValueKind.String)
        {
            throw FaceAccordException.BadInput("anchor-invalid", $"{where} is not an 'audit verify --json' output with count and headHash.");
        }

        if (sequence == 0 && hash.GetString() is { } genesis && genesis.Length == 2 * AuditChainHead.HashLength && genesis.All(c => c == '0'))
        {
            return null;
        }

        try
        {
            return AuditAnchor.Parse(sequence, hash.GetString());
        }
        catch (FaceAccordException e)
        {
            throw FaceAccordException.BadInput(e.Code, $"{where}: {e.Message}");
        }
    }

    /// <summary>The line on which the value starting at <paramref name="offset"/> begins, for error messages.</summary>
    private static string Where(FileInfo file, byte[] bytes, long offset)
    {
        int line = 1;
        for (long i = 0; i < offset && i < bytes.Length; i++)
        {
            line += bytes[i] == (byte)'\n' ? 1 : 0;
        }

        // The reader stops after a value, before the whitespace that follows it.
        for (long i = offset; i < bytes.Length && bytes[i] is (byte)'\n' or (byte)'\r' or (byte)' ' or (byte)'\t'; i++)
        {
            line += bytes[i] == (byte)'\n' ? 1 : 0;
        }

        return $"{file.Name} line {line}";
    }
}
