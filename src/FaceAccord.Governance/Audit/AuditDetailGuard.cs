using System.Text.Json;
using FaceAccord.Core;

namespace FaceAccord.Governance.Audit;

/// <summary>
/// Refuses audit detail that looks like biometric data. Nothing written to the log can be erased, so a
/// template (hundreds of numbers) or an image (a long encoded string) put there by mistake would outlive
/// the subject's deletion for good; ids and short facts pass.
/// </summary>
public static class AuditDetailGuard
{
    /// <summary>Longest string value allowed: room for ids, rule citations and short notes, not for an encoded image.</summary>
    public const int MaxStringLength = 512;

    /// <summary>Most numbers one array may hold: enough for counts and scores, far too few for a template.</summary>
    public const int MaxNumbersPerArray = 16;

    /// <summary>Deepest nesting allowed; detail is a flat note, not a document.</summary>
    public const int MaxDepth = 16;

    /// <summary>Throws FaceAccordException (BadInput, <c>audit-detail-refused</c>) naming the offending path.</summary>
    public static void Check(JsonElement detail) => Check(detail, "$", 0);

    private static void Check(JsonElement element, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Refuse(path, $"nests deeper than {MaxDepth} levels");
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    if (property.Name.Length > MaxStringLength)
                    {
                        throw Refuse(path, $"has a property name of {property.Name.Length} characters");
                    }

                    Check(property.Value, $"{path}.{property.Name}", depth + 1);
                }

                break;
            case JsonValueKind.Array:
                int numbers = 0;
                int index = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Number && ++numbers > MaxNumbersPerArray)
                    {
                        throw Refuse(path, $"is an array of more than {MaxNumbersPerArray} numbers, the shape of a face template");
                    }

                    Check(item, $"{path}[{index++}]", depth + 1);
                }

                break;
            case JsonValueKind.String:
                int length = element.GetString()!.Length;
                if (length > MaxStringLength)
                {
                    throw Refuse(path, $"is a string of {length} characters, the shape of an encoded image or template");
                }

                break;
            case JsonValueKind.Undefined:
                throw Refuse(path, "is not a JSON value");
            default:
                break;
        }
    }

    private static FaceAccordException Refuse(string path, string why) => FaceAccordException.BadInput(
        "audit-detail-refused",
        $"Audit detail at {path} {why}; the permanent log keeps ids and short facts only, never biometric data.");
}
