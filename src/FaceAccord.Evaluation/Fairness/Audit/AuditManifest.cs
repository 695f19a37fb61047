using FaceAccord.Core;

namespace FaceAccord.Evaluation.Fairness.Audit;

/// <summary>
/// The tester's statement of who is in each image and which groups they belong to (<c>image,subject,&lt;group
/// columns&gt;</c>): a demographic audit is only as good as these labels, so they are checked line by line.
/// </summary>
/// <param name="Path">Full path of the manifest file.</param>
/// <param name="GroupColumns">Names of the group columns, in file order.</param>
/// <param name="Entries">The rows, in file order.</param>
public sealed record AuditManifest(string Path, IReadOnlyList<string> GroupColumns, IReadOnlyList<AuditManifestEntry> Entries)
{
    /// <summary>True when <paramref name="entry"/> has a value in every column of <paramref name="columns"/>; an
    /// unlabelled image is left out of the groupings that use the column it lacks.</summary>
    public static bool IsLabelled(AuditManifestEntry entry, IReadOnlyList<int> columns)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(columns);
        return columns.All(c => entry.GroupValues[c].Length > 0);
    }

    /// <summary>The group label of <paramref name="entry"/> over the columns <paramref name="columns"/>: <c>col=value|col=value</c>.</summary>
    public string LabelOf(AuditManifestEntry entry, IReadOnlyList<int> columns)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(columns);
        return string.Join('|', columns.Select(c => $"{GroupColumns[c]}={entry.GroupValues[c]}"));
    }

    /// <summary>
    /// Reads a manifest. Relative image paths are taken from the manifest's folder; blank lines are ignored; an
    /// empty group value means "not labelled" (the data set does not say, e.g. LFW race for most people). A
    /// malformed header or row, an empty image or subject, a missing image, an image listed twice, or a subject whose
    /// rows give different values in one column fails with <c>manifest-invalid</c> and the line number.
    /// </summary>
    public static AuditManifest Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw FaceAccordException.BadInput("manifest-not-found", $"The manifest '{path}' does not exist.");
        }

        string folder = System.IO.Path.GetDirectoryName(full)!;
        string[] lines = File.ReadAllLines(full);
        int headerIndex = Array.FindIndex(lines, l => !string.IsNullOrWhiteSpace(l));
        if (headerIndex < 0)
        {
            throw Invalid(full, 1, "the file is empty; the first line must be 'image,subject,<group columns>'");
        }

        var header = CsvFields.Split(lines[headerIndex].TrimEnd('\r'));
        if (header is null || header.Count < 3
            || !string.Equals(header[0].Trim(), "image", StringComparison.OrdinalIgnoreCase)
            || !string.Equals(header[1].Trim(), "subject", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid(full, headerIndex + 1, "the header must be 'image,subject' followed by at least one group column");
        }

        string[] columns = [.. header.Skip(2).Select(h => h.Trim())];
        if (columns.Any(string.IsNullOrEmpty) || columns.Distinct(StringComparer.Ordinal).Count() != columns.Length
            || columns.Any(c => c.AsSpan().IndexOfAny("=|") >= 0))
        {
            throw Invalid(full, headerIndex + 1, "group columns need distinct, non-empty names without '=' or '|'");
        }

        var entries = new List<AuditManifestEntry>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var subjectRows = new Dictionary<string, List<AuditManifestEntry>>(StringComparer.Ordinal);
        for (int i = headerIndex + 1; i < lines.Length; i++)
        {
            int line = i + 1;
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var fields = CsvFields.Split(lines[i].TrimEnd('\r'));
            if (fields is null)
            {
                throw Invalid(full, line, "a quoted field is not closed properly");
            }

            if (fields.Count != header.Count)
            {
                throw Invalid(full, line, $"expected {header.Count} fields, found {fields.Count}");
            }

            if (string.IsNullOrWhiteSpace(fields[0]) || string.IsNullOrWhiteSpace(fields[1]))
            {
                throw Invalid(full, line, "the image and subject fields need a value");
            }

            string image = System.IO.Path.GetFullPath(fields[0], folder);
            if (!File.Exists(image))
            {
                throw Invalid(full, line, $"the image '{fields[0]}' does not exist");
            }

            if (seen.TryGetValue(image, out int first))
            {
                throw Invalid(full, line, $"the image '{fields[0]}' is already listed on line {first}");
            }

            seen[image] = line;
            var entry = new AuditManifestEntry(image, fields[1].Trim(), [.. fields.Skip(2).Select(f => f.Trim())], line);

            // A genuine pair belongs to one group only when its subject does; an unlabelled value contradicts nothing.
            if (!subjectRows.TryGetValue(entry.Subject, out var earlier))
            {
                subjectRows[entry.Subject] = earlier = [];
            }

            if (earlier.FirstOrDefault(e => Disagree(e, entry)) is { } other)
            {
                throw Invalid(full, line, $"subject '{entry.Subject}' has other group values on line {other.Line}");
            }

            earlier.Add(entry);
            entries.Add(entry);
        }

        if (entries.Count == 0)
        {
            throw Invalid(full, lines.Length, "the manifest lists no images");
        }

        return new AuditManifest(full, columns, entries);
    }

    private static bool Disagree(AuditManifestEntry a, AuditManifestEntry b)
    {
        for (int c = 0; c < a.GroupValues.Count; c++)
        {
            if (a.GroupValues[c].Length > 0 && b.GroupValues[c].Length > 0 && !string.Equals(a.GroupValues[c], b.GroupValues[c], StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static FaceAccordException Invalid(string path, int line, string problem) =>
        FaceAccordException.BadInput("manifest-invalid", $"{path} line {line}: {problem}.");
}
