using System.Globalization;

namespace FaceAccord.WebConsole.Pages;

/// <summary>Figures said in words a reviewer reads at a glance.</summary>
public static class Words
{
    public static string Age(TimeSpan age) => age switch
    {
        { TotalMinutes: < 1 } => "under a minute",
        { TotalHours: < 1 } => Plural((int)age.TotalMinutes, "minute"),
        { TotalDays: < 1 } => Plural((int)age.TotalHours, "hour"),
        _ => Plural((int)age.TotalDays, "day"),
    };

    /// <summary>"1 in 10,000" for a rate of 1e-4; null for a missing or non-positive rate.</summary>
    public static string? OneIn(double? rate) =>
        rate is > 0 and <= 1 ? "1 in " + Math.Round(1 / rate.Value).ToString("N0", CultureInfo.InvariantCulture) : null;

    public static string Score(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Plural(int n, string unit) => $"{n} {unit}{(n == 1 ? "" : "s")}";
}
