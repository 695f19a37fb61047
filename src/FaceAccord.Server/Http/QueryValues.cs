using System.Globalization;
using FaceAccord.Core;
using Microsoft.AspNetCore.Http;

namespace FaceAccord.Server.Http;

/// <summary>Optional numeric query parameters, parsed invariantly; a malformed value is a 400 naming the parameter.</summary>
public static class QueryValues
{
    public static double? Double(HttpRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? raw = request.Query[name];
        if (raw is null)
        {
            return null;
        }

        return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : throw FaceAccordException.BadInput($"{name}-invalid", $"Query parameter '{name}' must be a number, e.g. 1e-2.");
    }

    public static int? Int(HttpRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? raw = request.Query[name];
        if (raw is null)
        {
            return null;
        }

        return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)
            ? v
            : throw FaceAccordException.BadInput($"{name}-invalid", $"Query parameter '{name}' must be a whole number.");
    }
}
