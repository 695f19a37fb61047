using FaceAccord.Evaluation.Metrics;
using FsCheck;
using FsCheck.Fluent;

namespace FaceAccord.Evaluation.Tests;

/// <summary>FsCheck generators of scored pairs: scores on a coarse grid so ties happen, some failed pairs.</summary>
internal static class ScoreGenerators
{
    /// <summary>The seed every property here replays, so test runs are deterministic.</summary>
    public const string Replay = "(1234567891,2468013579)";

    /// <summary>A cosine-like score on a 0.05 grid in [−1, 1].</summary>
    public static Gen<double> Score { get; } = Gen.Choose(-20, 20).Select(i => i / 20.0);

    /// <summary>A score, NaN one time in ten.</summary>
    public static Gen<double> ScoreOrFailed { get; } =
        Gen.Frequency((9, Score), (1, Gen.Constant(double.NaN)));

    /// <summary>Pairs spread over <paramref name="folds"/> folds, each fold holding at least one genuine and one impostor pair.</summary>
    public static Gen<ScoredPair[]> Pairs(int folds = 1) =>
        from body in Gen.ArrayOf(
            from score in ScoreOrFailed
            from same in Gen.Elements(true, false)
            from fold in Gen.Choose(0, folds - 1)
            select new ScoredPair(score, same, fold))
        from anchors in Gen.CollectToArray(
            Enumerable.Range(0, folds).SelectMany(f => new[] { (f, true), (f, false) }),
            a => Score.Select(s => new ScoredPair(s, a.Item2, a.f)))
        select body.Concat(anchors).ToArray();

    /// <summary>Pairs where every genuine score is above every impostor score, with no failures.</summary>
    public static Gen<ScoredPair[]> Separated { get; } =
        from genuine in Gen.NonEmptyListOf(Gen.Choose(1, 20).Select(i => i / 20.0))
        from impostor in Gen.NonEmptyListOf(Gen.Choose(-20, 0).Select(i => i / 20.0))
        select genuine.Select(s => new ScoredPair(s, true)).Concat(impostor.Select(s => new ScoredPair(s, false))).ToArray();
}
