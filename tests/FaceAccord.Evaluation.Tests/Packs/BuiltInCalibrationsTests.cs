using FaceAccord.Packs.Calibration;
using FaceAccord.Packs.Recipes;

namespace FaceAccord.Evaluation.Tests.Packs;

public sealed class BuiltInCalibrationsTests
{
    public static TheoryData<string> Packs => [PackOne.Id, PackTwo.Id];

    [Theory]
    [MemberData(nameof(Packs))]
    public void Every_pack_ships_a_calibration_measured_with_its_current_recipe(string packId)
    {
        var pack = PackCatalog.Find(packId);
        string dir = Path.Combine(Path.GetTempPath(), "fa-cal-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            // A recipe change (template, weights, flip, model) without 'models calibrate' fails here.
            Assert.Equal(1, BuiltInCalibrations.InstallInto(dir, pack.Digest));
            string file = Path.Combine(dir, $"{pack.Id}.{string.Join('_', pack.DefaultEmbedders)}.json");
            var calibration = CalibrationFile.Load(file);
            Assert.Equal($"{pack.Id}/{string.Join('+', pack.DefaultEmbedders)}", calibration.ModelId);
            double t3 = calibration.ThresholdFor(1e-3, CalibrationMode.WorstGroup);
            double t4 = calibration.ThresholdFor(1e-4, CalibrationMode.WorstGroup);
            Assert.True(t4 > t3, "a lower FMR needs a higher threshold");
            Assert.True(calibration.ThresholdFor(1e-3, CalibrationMode.WorstGroup) >= calibration.ThresholdFor(1e-3, CalibrationMode.Overall));

            // A pack that normalises scores ships the cohort its thresholds were measured with, and its hygiene report.
            Assert.Equal(pack.Scoring?.CohortTopK is not null, calibration.Cohort is not null);
            if (calibration.Cohort is { } cohort)
            {
                Assert.Equal(pack.Scoring!.CohortTopK, cohort.TopK);
                Assert.True(calibration.Scorer().IsNormalized);
                Assert.True(cohort.Count >= cohort.TopK);
            }

            Assert.Equal(pack.Scoring?.RepeatWitness is not null, calibration.Hygiene is not null);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void A_calibration_is_not_installed_for_another_recipe()
    {
        string dir = Path.Combine(Path.GetTempPath(), "fa-cal-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            Assert.Equal(0, BuiltInCalibrations.InstallInto(dir, new string('0', 64)));
            Assert.Empty(Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
