using FaceAccord.Packs.Calibration;
using FaceAccord.Packs.Recipes;

namespace FaceAccord.Evaluation.Tests.Packs;

public sealed class BuiltInCalibrationsTests
{
    [Fact]
    public void The_shipped_calibration_was_measured_with_the_current_default_recipe()
    {
        string dir = Path.Combine(Path.GetTempPath(), "fa-cal-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            // A recipe change (template, weights, flip, model) without 'models calibrate' fails here.
            Assert.Equal(1, BuiltInCalibrations.InstallInto(dir));
            string file = Path.Combine(dir, $"{DefaultPack.Id}.{string.Join('_', DefaultPack.DefaultEmbedders)}.json");
            var calibration = CalibrationFile.Load(file);
            Assert.Equal($"{DefaultPack.Id}/{string.Join('+', DefaultPack.DefaultEmbedders)}", calibration.ModelId);
            double t3 = calibration.ThresholdFor(1e-3, CalibrationMode.WorstGroup);
            double t4 = calibration.ThresholdFor(1e-4, CalibrationMode.WorstGroup);
            Assert.True(t4 > t3, "a lower FMR needs a higher threshold");
            Assert.True(calibration.ThresholdFor(1e-3, CalibrationMode.WorstGroup) >= calibration.ThresholdFor(1e-3, CalibrationMode.Overall));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
