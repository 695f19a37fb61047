using System.Globalization;

namespace FaceAccord.Evaluation.Datasets;

/// <summary>
/// One UTKFace image with the labels encoded in its name (<c>&lt;age&gt;_&lt;gender&gt;_&lt;race&gt;_&lt;timestamp&gt;.jpg.chip.jpg</c>),
/// the demographic labels that per-group false-match rates are measured with.
/// </summary>
/// <remarks>
/// Names with a missing field, a non-numeric field, a gender other than 0/1, a race other than 0–3 (the
/// full data set's "others", 4, is no measurable group) or an age outside 0–120 are skipped and counted.
/// Blanks around the timestamp are tolerated: the public set has <c>24_0_1_20170116220224657 .jpg.chip.jpg</c>.
/// </remarks>
public sealed record UtkFaceFile(string Path, int Age, UtkGender Gender, UtkRace Race)
{
    private const string Suffix = ".jpg.chip.jpg";

    /// <summary>The group label used for calibration, e.g. <c>race=Black|gender=female</c>.</summary>
    public string GroupLabel =>
        $"race={Race}|gender={(Gender == UtkGender.Female ? "female" : "male")}";

    /// <summary>UTKFace has no identities: each file is its own subject, named by its file name.</summary>
    public EvaluationImage ToEvaluationImage() => new(Path, System.IO.Path.GetFileName(Path), GroupLabel);

    /// <summary>Reads every file name in <paramref name="directory"/> (not recursive).</summary>
    public static UtkFaceScan Scan(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            throw Core.FaceAccordException.NotFound("dataset-not-found", $"The UTKFace folder '{directory}' does not exist.");
        }

        return Parse(Directory.EnumerateFiles(directory));
    }

    /// <summary>Parses file paths, keeping the well-named ones in ordinal order of file name.</summary>
    public static UtkFaceScan Parse(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<UtkFaceFile>();
        int skipped = 0;
        foreach (string path in paths)
        {
            if (TryParse(path, out var file))
            {
                files.Add(file);
            }
            else
            {
                skipped++;
            }
        }

        files.Sort(static (a, b) => string.CompareOrdinal(System.IO.Path.GetFileName(a.Path), System.IO.Path.GetFileName(b.Path)));
        return new UtkFaceScan(files, skipped);
    }

    /// <summary>Parses one path; false when its file name is not a UTKFace name.</summary>
    public static bool TryParse(string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out UtkFaceFile? file)
    {
        file = null;
        string name = System.IO.Path.GetFileName(path ?? string.Empty);
        if (!name.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return false;
        }

        string[] fields = name[..^Suffix.Length].Split('_');
        if (fields.Length != 4
            || !TryNumber(fields[0], out int age) || age > 120
            || !TryNumber(fields[1], out int gender) || gender > 1
            || !TryNumber(fields[2], out int race) || race > 3
            || !IsDigits(fields[3].Trim()))
        {
            return false;
        }

        file = new UtkFaceFile(path!, age, (UtkGender)gender, (UtkRace)race);
        return true;
    }

    // Digits only: no signs, spaces or exponents.
    private static bool TryNumber(string text, out int value)
    {
        value = 0;
        return IsDigits(text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);
}
