using System.Globalization;
using System.Numerics.Tensors;
using System.Security.Cryptography;
using FaceAccord.Core;
using FaceAccord.Evaluation.Calibration;
using FaceAccord.Evaluation.Datasets;
using FaceAccord.Packs.Calibration;
using FaceAccord.Packs.Development;
using FaceAccord.Packs.Recipes;
using FaceAccord.Vision;
using FaceAccord.Vision.Scoring;

namespace FaceAccord.Evaluation.Runs;

/// <summary>
/// Measures a pipeline's score distributions on the development data and turns them into its
/// calibration: genuine and impostor pairs of LFW DevTrain, plus every impostor pair within each
/// race × gender cell of the UTKFace development subset (NIST compares impostors within a group,
/// where false matches are likeliest). When the pack says so (<see cref="ScoringChoice"/>), scores are
/// normalised against a cohort built here, and within-cell pairs that two independent embedders agree are the
/// same person are left out (docs/pipeline.md).
/// </summary>
public static class PackCalibrationRun
{
    /// <summary>The different-person LFW pairs reach a model's repeat-person link score at most this often.</summary>
    public const double RepeatLinkFmr = 1e-6;

    /// <param name="templateCache">A template cache file shared with <c>faceaccord fairness --cache</c>; null embeds every image.</param>
    /// <param name="witness">The pack's repeat-person witness (same pack, the other embedder); null for no repeat-person rule.</param>
    public static CalibrationFile Run(
        FacePipeline pipeline, string datasets, Action<string, int, int>? progress = null, string? templateCache = null, FacePipeline? witness = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        if (templateCache is not null)
        {
            Fairness.Audit.TemplateCache.RequireUsable(templateCache);
        }

        var choice = PackCatalog.All.FirstOrDefault(p => p.Id == pipeline.Pack.Manifest.PackId)?.Scoring;
        string lfwRoot = Path.Combine(datasets, "lfw", "lfw-deepfunneled");
        var devTrain = LfwPairsFile.Parse(Path.Combine(datasets, "lfw", "pairsDevTrain.txt"), lfwRoot);
        var utk = UtkFaceFile.Scan(Path.Combine(datasets, "utkface-dev", "images"));

        // UTKFace has no identities, and some files are byte-identical copies: such a pair is the same photo,
        // not an impostor, and would put false "false matches" at score 1.0.
        var contentHash = utk.Files.ToDictionary(f => f.Path, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f.Path))), StringComparer.Ordinal);
        int duplicates = utk.Files.Count - contentHash.Values.Distinct(StringComparer.Ordinal).Count();

        var lfwImages = devTrain.Pairs.SelectMany(p => new[] { p.ImagePathA, p.ImagePathB }).Distinct(StringComparer.Ordinal).ToList();
        var lfw = Fairness.Audit.TemplateCache.Of(pipeline, lfwImages, templateCache, (d, n) => progress?.Invoke("LFW DevTrain", d, n));
        var utkPaths = utk.Files.Select(f => f.Path).ToList();
        var utkTemplates = Fairness.Audit.TemplateCache.Of(pipeline, utkPaths, templateCache, (d, n) => progress?.Invoke("UTKFace dev", d, n));

        // Score statistics per development image: identity for cosine; leave-one-out cohort statistics for S-norm.
        var stats = new Dictionary<string, ScoreStatistics>(StringComparer.Ordinal);
        ScoreCohort? cohort = null;
        var present = lfwImages.Concat(utkPaths).Distinct(StringComparer.Ordinal)
            .Select(p => (Path: p, Template: lfw.TryGetValue(p, out var t) ? t : utkTemplates[p]))
            .Where(x => x.Template is not null).ToList();
        if (choice?.CohortTopK is int topK)
        {
            var vectors = present.Select(x => x.Template!.Vector.ToArray()).ToList();
            var builder = ScoreCohortBuilder.Build(vectors, choice.CohortCompression, choice.CohortMinMembers, (d, n) => progress?.Invoke("Score cohort", d, n));
            cohort = ScoreCohort.From(builder.Centroids, builder.Dimensions, topK, choice.CohortMinMembers,
                $"k-means centroids of the {vectors.Count} development templates (UTKFace dev and LFW DevTrain), one per {choice.CohortCompression}, clusters under {choice.CohortMinMembers} dropped");
            for (int i = 0; i < present.Count; i++)
            {
                stats[present[i].Path] = builder.LeaveOneOutStatistics(i, vectors[i], topK);
            }
        }

        var scorer = cohort?.Scorer() ?? TemplateScorer.Cosine;
        double Score(string a, string b, IReadOnlyDictionary<string, FaceTemplate?> templates) =>
            templates[a] is { } ta && templates[b] is { } tb
                ? scorer.Score(TensorPrimitives.Dot(ta.Vector, tb.Vector), StatsOf(a), StatsOf(b))
                : double.NaN;
        ScoreStatistics StatsOf(string path) => stats.TryGetValue(path, out var s) ? s : ScoreStatistics.Identity;

        var repeats = witness is null ? null : RepeatPeople(pipeline, witness, utk, utkTemplates, lfwImages, lfw, templateCache, progress);
        string repeatRule = repeats is null ? string.Empty
            : $"; pairs linked, directly or through others of the cell, by both {pipeline.ModelId} and {witness!.ModelId} at or above their FMR-{RepeatLinkFmr.ToString("G1", CultureInfo.InvariantCulture)} scores over all different-person LFW DevTrain pairs excluded as the same person";
        string[] sources =
        [
            "lfw/pairsDevTrain.txt",
            $"utkface-dev ({utk.Files.Count} images, within race×gender impostors; pairs of byte-identical files excluded, {duplicates} copies{repeatRule})",
        ];
        var cleaned = new ScoreCalibration(pipeline.ModelId, sources);
        var uncleaned = new ScoreCalibration(pipeline.ModelId, sources);
        foreach (var p in devTrain.Pairs)
        {
            double s = Score(p.ImagePathA, p.ImagePathB, lfw);
            foreach (var calibration in new[] { cleaned, uncleaned })
            {
                if (p.IsSame)
                {
                    calibration.AddGenuine(s);
                }
                else
                {
                    calibration.AddImpostor(s);
                }
            }
        }

        var excluded = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var group in utk.Files.GroupBy(f => f.GroupLabel).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var members = group.Select(f => f.Path).ToList();
            excluded[group.Key] = 0;
            for (int i = 0; i < members.Count; i++)
            {
                for (int j = i + 1; j < members.Count; j++)
                {
                    if (string.Equals(contentHash[members[i]], contentHash[members[j]], StringComparison.Ordinal))
                    {
                        continue;
                    }

                    double s = Score(members[i], members[j], utkTemplates);
                    uncleaned.AddImpostor(s, group.Key);
                    if (repeats is not null && repeats.SamePerson(members[i], members[j]))
                    {
                        excluded[group.Key]++;
                        continue;
                    }

                    cleaned.AddImpostor(s, group.Key);
                }
            }
        }

        var file = cleaned.Build(DateTimeOffset.UtcNow);
        var raw = uncleaned.Build(file.CreatedAt);
        return new CalibrationFile
        {
            FormatVersion = file.FormatVersion,
            ModelId = file.ModelId,
            Datasets = file.Datasets,
            CreatedAt = file.CreatedAt,
            MinExpectedFalseMatches = file.MinExpectedFalseMatches,
            Genuine = file.Genuine,
            Impostor = file.Impostor,
            ImpostorByGroup = file.ImpostorByGroup,
            Thresholds = file.Thresholds,
            Histograms = file.Histograms,
            Cohort = cohort,
            Hygiene = repeats is null ? null : new CalibrationHygiene
            {
                Rule = repeatRule.TrimStart(';', ' '),
                ExcludedPairs = excluded,
                UncleanedWorstGroupThresholds = raw.Thresholds.ToDictionary(
                    r => r.TargetFmr.ToString("G3", CultureInfo.InvariantCulture), r => r.WorstGroup?.Threshold, StringComparer.Ordinal),
            },
        };
    }

    /// <summary>
    /// Repeat people in the UTKFace cells: two photos are linked when both embedders score them at or above their own
    /// FMR-1e-6 score on different-person LFW pairs, and links are closed transitively within a cell.
    /// </summary>
    private static RepeatPeopleSets RepeatPeople(
        FacePipeline pipeline, FacePipeline witness, UtkFaceScan utk, IReadOnlyDictionary<string, FaceTemplate?> utkTemplates,
        IReadOnlyList<string> lfwImages, IReadOnlyDictionary<string, FaceTemplate?> lfw, string? templateCache, Action<string, int, int>? progress)
    {
        string? witnessCache = templateCache is null ? null : templateCache + "." + witness.ModelId.Replace('/', '_').Replace('+', '_');
        var witnessLfw = Fairness.Audit.TemplateCache.Of(witness, [.. lfwImages], witnessCache, (d, n) => progress?.Invoke("LFW DevTrain (witness)", d, n));
        var witnessUtk = Fairness.Audit.TemplateCache.Of(witness, [.. utk.Files.Select(f => f.Path)], witnessCache, (d, n) => progress?.Invoke("UTKFace dev (witness)", d, n));
        double mainLink = DifferentPersonScoreAt(lfwImages, lfw, RepeatLinkFmr);
        double witnessLink = DifferentPersonScoreAt(lfwImages, witnessLfw, RepeatLinkFmr);
        var sets = new RepeatPeopleSets();
        foreach (var group in utk.Files.GroupBy(f => f.GroupLabel))
        {
            var members = group.Select(f => f.Path).Where(p => utkTemplates[p] is not null && witnessUtk[p] is not null).ToList();
            var links = new DisjointSets(members.Count);
            for (int i = 0; i < members.Count; i++)
            {
                for (int j = i + 1; j < members.Count; j++)
                {
                    if (TensorPrimitives.Dot(utkTemplates[members[i]]!.Vector, utkTemplates[members[j]]!.Vector) >= mainLink &&
                        TensorPrimitives.Dot(witnessUtk[members[i]]!.Vector, witnessUtk[members[j]]!.Vector) >= witnessLink)
                    {
                        links.Union(i, j);
                    }
                }
            }

            for (int i = 0; i < members.Count; i++)
            {
                sets.Assign(members[i], group.Key + "#" + links.Find(i).ToString(CultureInfo.InvariantCulture));
            }
        }

        return sets;
    }

    /// <summary>The score that at most <paramref name="fmr"/> of all different-person pairs of these LFW images reach.</summary>
    private static double DifferentPersonScoreAt(IReadOnlyList<string> images, IReadOnlyDictionary<string, FaceTemplate?> templates, double fmr)
    {
        var people = images.Where(p => templates[p] is not null).Select(p => (Person: Path.GetFileName(Path.GetDirectoryName(p)!), Vector: templates[p]!.Vector.ToArray())).ToList();
        var scores = new List<float>();
        for (int i = 0; i < people.Count; i++)
        {
            for (int j = i + 1; j < people.Count; j++)
            {
                if (people[i].Person != people[j].Person)
                {
                    scores.Add(TensorPrimitives.Dot(people[i].Vector, people[j].Vector));
                }
            }
        }

        scores.Sort((a, b) => b.CompareTo(a));
        int k = (int)Math.Floor(fmr * scores.Count);
        return Math.BitIncrement((double)scores[Math.Min(k, scores.Count - 1)]);
    }

    private sealed class RepeatPeopleSets
    {
        private readonly Dictionary<string, string> _personOf = new(StringComparer.Ordinal);

        public void Assign(string path, string person) => _personOf[path] = person;

        public bool SamePerson(string a, string b) =>
            _personOf.TryGetValue(a, out var pa) && _personOf.TryGetValue(b, out var pb) && string.Equals(pa, pb, StringComparison.Ordinal);
    }
}
