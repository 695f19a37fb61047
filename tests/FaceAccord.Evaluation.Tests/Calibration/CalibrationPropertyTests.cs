using FaceAccord.Evaluation.Calibration;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FaceAccord.Evaluation.Tests.Calibration;

public sealed class CalibrationPropertyTests
{
    private static readonly string[] Groups = ["g1", "g2", "g3"];

    private static Gen<(double Score, string Group)[]> Impostors { get; } =
        from n in Gen.Choose(2500, 5000)
        from items in Gen.ArrayOf(
            from score in Gen.Choose(-1000, 1000).Select(i => i / 1000.0)
            from g in Gen.Elements(Groups)
            select (score, g),
            n)
        select items;

    private static double Fmr(IEnumerable<double> scores, double threshold)
    {
        var list = scores.ToList();
        return (double)list.Count(s => s >= threshold) / list.Count;
    }

    [Property(Replay = ScoreGenerators.Replay, MaxTest = 60)]
    public Property Every_threshold_is_the_lowest_that_keeps_its_FMR_at_or_under_target() =>
        Prop.ForAll(Impostors.ToArbitrary(), impostors =>
        {
            var calibration = new ScoreCalibration("m", ["synthetic"]);
            foreach (var (score, group) in impostors)
            {
                calibration.AddImpostor(score, group);
            }

            var row = calibration.Build(DateTimeOffset.UnixEpoch, [0.01]).Thresholds.Single();
            var all = impostors.Select(i => i.Score).ToList();
            bool Tight(IEnumerable<double> scores, double t) =>
                Fmr(scores, t) <= 0.01 && Fmr(scores, Math.BitDecrement(t)) > 0.01;

            bool overall = row.Overall is { } o && Tight(all, o.Threshold);
            bool groups = row.Groups.All(p => Tight(impostors.Where(i => i.Group == p.Group).Select(i => i.Score), p.Threshold));
            bool estimability = row.NotEstimable.All(g => impostors.Count(i => i.Group == g) < 1000)
                && row.Groups.All(p => impostors.Count(i => i.Group == p.Group) >= 1000);
            bool worst = row.WorstGroup is not { } w
                ? row.NotEstimable.Count > 0
                : Groups.All(g => Fmr(impostors.Where(i => i.Group == g).Select(i => i.Score), w.Threshold) <= 0.01)
                    && Fmr(all, w.Threshold) <= 0.01;
            return overall && groups && estimability && worst;
        });
}
