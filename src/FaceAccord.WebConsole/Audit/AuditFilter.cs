using System.Globalization;
using FaceAccord.Governance.Audit;
using Microsoft.AspNetCore.Http;

namespace FaceAccord.WebConsole.Audit;

/// <summary>The audit browser's filters, read from the query string; a date that cannot be read is named in <see cref="Error"/>.</summary>
public sealed record AuditFilter(DateOnly? From, DateOnly? To, string? Operation, string? Decision, string? Purpose, string? Key, string? Error)
{
    public static AuditFilter Of(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? error = null;
        DateOnly? Date(string name)
        {
            string text = query[name].ToString().Trim();
            if (text.Length == 0)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return d;
            }

            error = $"The date '{(text.Length > 20 ? text[..20] + "…" : text)}' is not a date like 2026-06-01; it was ignored.";
            return null;
        }

        static string? Text(IQueryCollection q, string name) => q[name].ToString().Trim() is { Length: > 0 and <= 100 } t ? t : null;
        var from = Date("from");
        var to = Date("to");
        return new AuditFilter(from, to, Text(query, "operation"), Text(query, "decision"), Text(query, "purpose"), Text(query, "key"), error);
    }

    public DateTimeOffset? FromTime => From is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;

    /// <summary>The end of the <see cref="To"/> day (the filter includes it).</summary>
    public DateTimeOffset? UntilTime => To is { } d ? new DateTimeOffset(d.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;

    public bool Matches(AuditRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return (Operation is null || string.Equals(r.Operation, Operation, StringComparison.OrdinalIgnoreCase))
            && (Decision is null || string.Equals(r.Decision.ToString(), Decision, StringComparison.OrdinalIgnoreCase))
            && (Purpose is null || string.Equals(r.Purpose, Purpose, StringComparison.OrdinalIgnoreCase))
            && (Key is null || string.Equals(r.KeyId, Key, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The same filters as a query string, for the download link.</summary>
    public string QueryString()
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("operation", Operation);
        Add("decision", Decision);
        Add("purpose", Purpose);
        Add("key", Key);
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }
}
