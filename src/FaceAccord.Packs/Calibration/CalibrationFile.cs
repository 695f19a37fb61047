using System.Globalization;
using System.Text.Json;
using FaceAccord.Core;

namespace FaceAccord.Packs.Calibration;

/// <summary>
/// A model pack's <c>calibration.json</c>: thresholds measured for target false-match rates (overall and
/// worst group) with the data they came from, so a user asks for an FMR instead of a magic number.
/// </summary>
public sealed class CalibrationFile
{
    /// <summary>The only layout this code reads and writes.</summary>
    public const int CurrentFormatVersion = 1;

    // Target rates are decimal literals such as 1e-4; allow for their binary rounding, nothing more.
    private const double RateTolerance = 1e-9;

    public required int FormatVersion { get; init; }

    /// <summary>The model pack whose scores were calibrated; thresholds mean nothing for any other model.</summary>
    public required string ModelId { get; init; }

    /// <summary>Names of the data sets the pairs came from.</summary>
    public required IReadOnlyList<string> Datasets { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>A rate r counts as estimable from n scored impostor pairs when n·r reaches this.</summary>
    public required int MinExpectedFalseMatches { get; init; }

    public required PairCounts Genuine { get; init; }

    public required PairCounts Impostor { get; init; }

    public required IReadOnlyDictionary<string, PairCounts> ImpostorByGroup { get; init; }

    /// <summary>One row per target FMR, from the loosest to the strictest.</summary>
    public required IReadOnlyList<CalibrationRow> Thresholds { get; init; }

    public required CalibrationHistograms Histograms { get; init; }

    /// <summary>
    /// The cohort scores were normalised against; null when the thresholds are plain cosine similarities. Every
    /// comparison against these thresholds must use <see cref="Scorer"/>.
    /// </summary>
    public ScoreCohort? Cohort { get; init; }

    /// <summary>What the development data held out of the impostor pairs, and the thresholds it would have given otherwise.</summary>
    public CalibrationHygiene? Hygiene { get; init; }

    private Vision.Scoring.TemplateScorer? _scorer;

    /// <summary>How scores compared with these thresholds are computed.</summary>
    public Vision.Scoring.TemplateScorer Scorer() => _scorer ??= Cohort?.Scorer() ?? Vision.Scoring.TemplateScorer.Cosine;

    /// <summary>Reads and checks a calibration file.</summary>
    public static CalibrationFile Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw FaceAccordException.NotFound("calibration-not-found", $"The calibration file '{path}' does not exist.");
        }

        CalibrationFile? file;
        try
        {
            using var stream = File.OpenRead(path);
            file = JsonSerializer.Deserialize(stream, CalibrationJsonContext.Default.CalibrationFile);
        }
        catch (JsonException e)
        {
            throw FaceAccordException.BadInput("calibration-invalid", $"The calibration file '{path}' is not valid: {e.Message}", e);
        }

        string? problem = file is null ? "it holds null" : file.Problem();
        if (problem is not null)
        {
            throw FaceAccordException.BadInput("calibration-invalid", $"The calibration file '{path}' is not valid: {problem}.");
        }

        return file!;
    }

    /// <summary>Writes the file whole or not at all: a temporary file beside it is renamed over it.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = File.Create(temp))
            {
                JsonSerializer.Serialize(stream, this, CalibrationJsonContext.Default.CalibrationFile);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>
    /// The threshold calibrated for <paramref name="fmr"/>. Only the calibrated targets are served: between
    /// them the stored histograms are too coarse to place a threshold at rates like 1e-4, and interpolating
    /// between two calibrated thresholds promises an FMR nothing measured, so any other rate is refused.
    /// </summary>
    public double ThresholdFor(double fmr, CalibrationMode mode = CalibrationMode.WorstGroup)
    {
        foreach (var row in Thresholds)
        {
            if (Math.Abs(row.TargetFmr - fmr) <= RateTolerance * row.TargetFmr && Pick(row, mode) is { } point)
            {
                return point.Threshold;
            }
        }

        var available = Thresholds.Where(r => Pick(r, mode) is not null)
            .Select(r => r.TargetFmr.ToString("G3", CultureInfo.InvariantCulture))
            .ToList();
        string kind = mode == CalibrationMode.WorstGroup ? "worst-group" : "overall";
        string offer = available.Count == 0
            ? $"it has no {kind} threshold at all"
            : $"{kind} thresholds exist for FMR {string.Join(", ", available)}";
        throw FaceAccordException.BadInput(
            "fmr-not-calibrated",
            $"The calibration of model '{ModelId}' has no {kind} threshold for FMR {fmr.ToString("G3", CultureInfo.InvariantCulture)}; {offer}.");
    }

    private static OperatingPoint? Pick(CalibrationRow row, CalibrationMode mode) => mode switch
    {
        CalibrationMode.WorstGroup => row.WorstGroup,
        CalibrationMode.Overall => row.Overall,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown calibration mode."),
    };

    private string? Problem()
    {
        if (FormatVersion != CurrentFormatVersion)
        {
            return $"format version {FormatVersion} is not the supported {CurrentFormatVersion}";
        }

        if (string.IsNullOrWhiteSpace(ModelId))
        {
            return "the model id is empty";
        }

        if (Cohort is not null)
        {
            try
            {
                _ = Scorer();
            }
            catch (Exception e) when (e is FormatException or InvalidDataException or ArgumentException)
            {
                return $"the score cohort is not usable: {e.Message}";
            }
        }

        foreach (var row in Thresholds)
        {
            if (!(row.TargetFmr > 0 && row.TargetFmr < 1))
            {
                return $"target FMR {row.TargetFmr} is outside (0, 1)";
            }

            foreach (var point in row.Groups.Append(row.Overall).Append(row.WorstGroup))
            {
                if (point is not null && !double.IsFinite(point.Threshold))
                {
                    return $"a threshold for FMR {row.TargetFmr} is not a finite number";
                }
            }
        }

        return null;
    }
}
