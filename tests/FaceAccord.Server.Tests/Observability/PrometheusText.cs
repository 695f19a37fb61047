using System.Globalization;
using System.Text.RegularExpressions;

namespace FaceAccord.Server.Tests.Observability;

/// <summary>
/// A strict reader of the Prometheus text exposition format (version 0.0.4), after its grammar: <c># HELP</c> and
/// <c># TYPE</c> lines at most once per family and before its samples, samples <c>name{label="value",...} value
/// [timestamp]</c> with escaped label values, sample names that belong to their family's type, and histograms whose
/// buckets are cumulative and end in <c>le="+Inf"</c> equal to <c>_count</c>. Throws FormatException naming the line.
/// </summary>
public sealed partial class PrometheusText
{
    private static readonly HashSet<string> Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    private PrometheusText(Dictionary<string, string> types, List<Sample> samples)
    {
        FamilyTypes = types;
        Samples = samples;
    }

    public IReadOnlyDictionary<string, string> FamilyTypes { get; }

    public IReadOnlyList<Sample> Samples { get; }

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public static PrometheusText Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var helps = new HashSet<string>(StringComparer.Ordinal);
        var withSamples = new HashSet<string>(StringComparer.Ordinal);
        var samples = new List<Sample>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int number = 0;
        foreach (string line in text.Split('\n'))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                var meta = MetaLine().Match(line);
                if (!meta.Success)
                {
                    if (line.StartsWith("# HELP", StringComparison.Ordinal) || line.StartsWith("# TYPE", StringComparison.Ordinal))
                    {
                        throw new FormatException($"line {number}: malformed {line[..6]} line: {line}");
                    }

                    continue; // a comment
                }

                string family = meta.Groups["name"].Value;
                if (meta.Groups["kind"].Value == "TYPE")
                {
                    string type = meta.Groups["rest"].Value;
                    if (!Types.Contains(type) || !types.TryAdd(family, type) || withSamples.Contains(family))
                    {
                        throw new FormatException($"line {number}: TYPE of {family} unknown, repeated or after its samples");
                    }
                }
                else if (!helps.Add(family))
                {
                    throw new FormatException($"line {number}: HELP of {family} repeated");
                }

                continue;
            }

            var sample = ParseSample(line, number);
            if (!seen.Add(sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "}"))
            {
                throw new FormatException($"line {number}: the same series appears twice");
            }

            string owner = FamilyOf(sample.Name, types);
            withSamples.Add(owner);
            samples.Add(sample);
        }

        var parsed = new PrometheusText(types, samples);
        parsed.CheckHistograms();
        return parsed;
    }

    /// <summary>Sum of the samples named <paramref name="name"/> whose labels include <paramref name="labels"/>.</summary>
    public double Sum(string name, params (string Key, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Sum(s => s.Value);

    public bool Has(string name) => Samples.Any(s => s.Name == name);

    private static string FamilyOf(string sample, Dictionary<string, string> types)
    {
        if (types.TryGetValue(sample, out string? type))
        {
            return type is "histogram" or "summary" ? throw new FormatException($"{sample} is a {type}: its samples carry a suffix") : sample;
        }

        foreach (string suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (sample.EndsWith(suffix, StringComparison.Ordinal) && types.TryGetValue(sample[..^suffix.Length], out string? owner)
                && (owner == "histogram" || (owner == "summary" && suffix != "_bucket")))
            {
                return sample[..^suffix.Length];
            }
        }

        return sample; // untyped
    }

    private static Sample ParseSample(string line, int number)
    {
        var m = SampleLine().Match(line);
        if (!m.Success)
        {
            throw new FormatException($"line {number}: not a sample: {line}");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        string body = m.Groups["labels"].Value;
        int at = 0;
        while (at < body.Length)
        {
            var label = LabelPair().Match(body, at);
            if (!label.Success || label.Index != at)
            {
                throw new FormatException($"line {number}: malformed labels: {body}");
            }

            string value = label.Groups["value"].Value.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
            if (!labels.TryAdd(label.Groups["name"].Value, value))
            {
                throw new FormatException($"line {number}: label {label.Groups["name"].Value} repeated");
            }

            at += label.Length;
            if (at < body.Length)
            {
                if (body[at] != ',')
                {
                    throw new FormatException($"line {number}: labels must be separated by commas: {body}");
                }

                at++;
            }
        }

        return new Sample(m.Groups["name"].Value, labels, ParseValue(m.Groups["value"].Value, number));
    }

    private static double ParseValue(string text, int number) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) => v,
        _ => throw new FormatException($"line {number}: '{text}' is not a sample value"),
    };

    private void CheckHistograms()
    {
        foreach (string family in FamilyTypes.Where(t => t.Value == "histogram").Select(t => t.Key))
        {
            var series = Samples.Where(s => s.Name == family + "_bucket")
                .GroupBy(s => string.Join(",", s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")));
            foreach (var buckets in series)
            {
                var ordered = buckets.Select(b => (Le: ParseValue(b.Labels.TryGetValue("le", out var le) ? le : throw new FormatException($"{family}_bucket without le"), 0), b.Value))
                    .OrderBy(b => b.Le).ToList();
                if (!double.IsPositiveInfinity(ordered[^1].Le))
                {
                    throw new FormatException($"{family} {buckets.Key}: no le=\"+Inf\" bucket");
                }

                for (int i = 1; i < ordered.Count; i++)
                {
                    if (ordered[i].Value < ordered[i - 1].Value)
                    {
                        throw new FormatException($"{family} {buckets.Key}: buckets are not cumulative");
                    }
                }

                var count = Samples.Single(s => s.Name == family + "_count" && Key(s) == buckets.Key);
                if (count.Value != ordered[^1].Value || !Samples.Any(s => s.Name == family + "_sum" && Key(s) == buckets.Key))
                {
                    throw new FormatException($"{family} {buckets.Key}: _count differs from the +Inf bucket, or _sum is missing");
                }
            }
        }
    }

    private static string Key(Sample s) => string.Join(",", s.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));

    [GeneratedRegex(@"^# (?<kind>HELP|TYPE) (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?: (?<rest>.*))?$")]
    private static partial Regex MetaLine();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>(?:[^""}]|""(?:[^""\\]|\\.)*"")*)\})? (?<value>\S+)(?: -?[0-9]+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
