using FaceAccord.Core;
using FaceAccord.Vision;

namespace FaceAccord.Packs.Calibration;

/// <summary>
/// The calibration that belongs to a pipeline's template space (pack id + embedders), stored in the
/// pack folder as <c>calibration-&lt;embedders&gt;.json</c>. Thresholds only ever come from here.
/// </summary>
public static class PackCalibration
{
    public static string PathFor(FacePipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        string embedders = pipeline.ModelId[(pipeline.ModelId.IndexOf('/', StringComparison.Ordinal) + 1)..].Replace('+', '_');
        return Path.Combine(pipeline.Pack.Directory, $"{pipeline.Pack.Manifest.PackId}.{embedders}.json");
    }

    public static CalibrationFile Load(FacePipeline pipeline)
    {
        string path = PathFor(pipeline);
        if (!File.Exists(path))
        {
            // A pack installed before this program shipped its calibration gets it now.
            BuiltInCalibrations.InstallInto(pipeline.Pack.Directory, pipeline.Pack.Manifest.RecipeDigest);
        }

        if (!File.Exists(path))
        {
            throw FaceAccordException.Environment(
                "calibration-missing",
                $"No calibration for {pipeline.ModelId} at {path}; run 'faceaccord models calibrate' with the development data.");
        }

        var file = CalibrationFile.Load(path);
        if (!string.Equals(file.ModelId, pipeline.ModelId, StringComparison.Ordinal))
        {
            throw FaceAccordException.Environment(
                "calibration-mismatch",
                $"The calibration at {path} was made for {file.ModelId}, not {pipeline.ModelId}.");
        }

        return file;
    }
}
