using FaceAccord.Core;
using FaceAccord.Evaluation.Metrics;

namespace FaceAccord.Evaluation.Tests.Metrics;

public sealed class RocCurveTests
{
    private static ScoredPair[] Pairs(double[] genuine, double[] impostor) =>
        [.. genuine.Select(s => new ScoredPair(s, true)), .. impostor.Select(s => new ScoredPair(s, false))];

    [Fact]
    public void Vertices_run_from_reject_all_to_accept_all()
    {
        var roc = RocCurve.From(Pairs([0.9, 0.6, 0.6, 0.2], [0.6, 0.6, 0.3, 0.1]));

        Assert.Equal(
            new RocPoint[]
            {
                new(double.PositiveInfinity, 0, 0), new(0.9, 0, 0.25), new(0.6, 0.5, 0.75),
                new(0.3, 0.75, 0.75), new(0.2, 0.75, 1), new(0.1, 1, 1),
            },
            roc.Points);
    }

    [Fact]
    public void TarAtFar_interpolates_linearly_between_vertices()
    {
        var roc = RocCurve.From(Pairs([0.9, 0.6, 0.6, 0.2], [0.6, 0.6, 0.3, 0.1]));

        Assert.Equal(0.5, roc.TarAtFar(0.25)!.Value, 12);
        Assert.Equal(0.75, roc.TarAtFar(0.5)!.Value, 12);
        Assert.Equal(0.75, roc.TarAtFar(0.6)!.Value, 12);
        Assert.Equal(1, roc.TarAtFar(1)!.Value, 12);
    }

    [Fact]
    public void TarAtFar_is_null_below_one_impostor_per_rate_and_zero_when_failures_exceed_it()
    {
        var roc = RocCurve.From(Pairs([0.9, 0.6, 0.6, 0.2], [0.6, 0.6, 0.3, 0.1]));
        var failing = RocCurve.From(Pairs([0.9, 0.8], [double.NaN, double.NaN, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6]));

        Assert.Null(roc.TarAtFar(0.1));
        Assert.Equal(0, failing.TarAtFar(0.2));
        Assert.Equal(1, failing.TarAtFar(0.25));
    }

    [Fact]
    public void Eer_is_where_FMR_equals_FNMR()
    {
        var steps = RocCurve.From(Pairs([0.9, 0.7, 0.5, 0.3], [0.8, 0.4, 0.2, 0.1]));
        // A single tied vertex jumps from (FMR 0, FNMR 1) to (1, 0): the crossing is at 0.5.
        var tied = RocCurve.From(Pairs([0.5], [0.5]));

        Assert.Equal(0.25, steps.Eer, 12);
        Assert.Equal(0.5, tied.Eer, 12);
        Assert.Equal(0, RocCurve.From(Pairs([0.8, 0.7], [0.1, 0.2])).Eer);
        Assert.Equal(1, RocCurve.From(Pairs([0.1, 0.2], [0.8, 0.7])).Eer, 12);
    }

    [Fact]
    public void Error_rates_count_failed_pairs_as_errors_on_both_sides()
    {
        var rates = ErrorRates.At(Pairs([0.9, 0.4, double.NaN, 0.7], [0.1, 0.6, double.NaN, 0.5]), 0.5);

        Assert.Equal(new ErrorRates(0.75, 0.5), rates);
    }

    [Fact]
    public void One_sided_sets_are_refused()
    {
        var roc = Assert.Throws<FaceAccordException>(() => RocCurve.From(Pairs([0.5], [])));
        var rates = Assert.Throws<FaceAccordException>(() => ErrorRates.At(Pairs([], [0.5]), 0));

        Assert.Equal("scores-insufficient", roc.Code);
        Assert.Equal("scores-insufficient", rates.Code);
    }
}
