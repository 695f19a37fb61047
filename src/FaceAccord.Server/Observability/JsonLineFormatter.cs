using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace FaceAccord.Server.Observability;

/// <summary>
/// <c>--log-format json</c>: one JSON object per line with time, level, category, event, message, the current trace
/// and span ids, and every named field of the event (a request's <c>Problem</c> code among them).
/// </summary>
public sealed class JsonLineFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "faceaccord-json";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        string message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception) ?? "";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("time", DateTimeOffset.UtcNow);
            json.WriteString("level", logEntry.LogLevel.ToString());
            json.WriteString("category", logEntry.Category);
            if (!string.IsNullOrEmpty(logEntry.EventId.Name))
            {
                json.WriteString("event", logEntry.EventId.Name);
            }

            json.WriteString("message", message);
            if (Activity.Current is { } activity)
            {
                json.WriteString("traceId", activity.TraceId.ToHexString());
                json.WriteString("spanId", activity.SpanId.ToHexString());
            }

            if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> fields)
            {
                foreach (var (key, value) in fields)
                {
                    if (key == "{OriginalFormat}")
                    {
                        continue;
                    }

                    string name = char.ToLowerInvariant(key[0]) + key[1..];
                    switch (value)
                    {
                        case null:
                            json.WriteNull(name);
                            break;
                        case int or long or double or float or decimal:
                            json.WriteNumber(name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                            break;
                        case bool b:
                            json.WriteBoolean(name, b);
                            break;
                        default:
                            json.WriteString(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                            break;
                    }
                }
            }

            if (logEntry.Exception is { } e)
            {
                json.WriteString("exception", e.ToString());
            }

            json.WriteEndObject();
        }

        textWriter.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    /// <summary>The formatter has no options of its own; this satisfies the console's registration.</summary>
    public sealed class Options : ConsoleFormatterOptions;}
