using System.Globalization;
using FaceAccord.Core;

namespace FaceAccord.Cli.Commands;

/// <summary>Durations as people type them on the command line: a whole number and a unit, e.g. <c>90d</c>, <c>12h</c>, <c>30m</c>, <c>2w</c>.</summary>
public static class Durations
{
    /// <summary>The duration <paramref name="text"/> names, null when none is given; <c>duration-invalid</c> naming <paramref name="option"/> otherwise.</summary>
    public static TimeSpan? Parse(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        string trimmed = text.Trim();
        if (trimmed.Length >= 2 && long.TryParse(trimmed.AsSpan(0, trimmed.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n <= 100_000)
        {
            TimeSpan? unit = char.ToLowerInvariant(trimmed[^1]) switch
            {
                's' => TimeSpan.FromSeconds(1),
                'm' => TimeSpan.FromMinutes(1),
                'h' => TimeSpan.FromHours(1),
                'd' => TimeSpan.FromDays(1),
                'w' => TimeSpan.FromDays(7),
                _ => null,
            };
            if (unit is { } u)
            {
                return u * n;
            }
        }

        throw FaceAccordException.BadInput("duration-invalid", $"{option} '{text}' is not a duration such as 90d, 12h, 30m or 2w.");
    }
}
