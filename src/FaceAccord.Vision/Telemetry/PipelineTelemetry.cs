using System.Diagnostics;
using System.Diagnostics.Metrics;
using FaceAccord.Core.Telemetry;

namespace FaceAccord.Vision.Telemetry;

/// <summary>
/// The pipeline's instruments on FaceAccord's meter: images decoded, faces detected, faces refused by the quality
/// rule (by check name), and decode / detect / embed durations by model. Labels are model ids and check names only.
/// </summary>
public static class PipelineTelemetry
{
    private static readonly Counter<long> ImagesDecoded = FaceAccordTelemetry.Meter.CreateCounter<long>(
        "faceaccord.pipeline.images_decoded", "{image}", "Images decoded by the face pipeline.");

    private static readonly Counter<long> FacesDetected = FaceAccordTelemetry.Meter.CreateCounter<long>(
        "faceaccord.pipeline.faces_detected", "{face}", "Faces the detector found.");

    private static readonly Counter<long> QualityRefusals = FaceAccordTelemetry.Meter.CreateCounter<long>(
        "faceaccord.pipeline.quality_refusals", "{face}", "Faces refused by the enrolment quality rule, once per failed check.");

    private static readonly Histogram<double> DecodeDuration = FaceAccordTelemetry.Duration(
        "faceaccord.pipeline.decode.duration", "Time to decode one image.");

    private static readonly Histogram<double> DetectDuration = FaceAccordTelemetry.Duration(
        "faceaccord.pipeline.detect.duration", "Time to detect the faces of one image, by detector model.");

    private static readonly Histogram<double> EmbedDuration = FaceAccordTelemetry.Duration(
        "faceaccord.pipeline.embed.duration", "Time to embed the faces of one image, by template space (pack and embedders).");

    /// <summary>Counts a face refused by the enrolment quality rule, once for each check it failed.</summary>
    public static void QualityRefused(IEnumerable<string> failedChecks)
    {
        ArgumentNullException.ThrowIfNull(failedChecks);
        foreach (string check in failedChecks)
        {
            QualityRefusals.Add(1, new KeyValuePair<string, object?>("check", check));
        }
    }

    internal static Activity? StartDecode() => FaceAccordTelemetry.Source.StartActivity("decode");

    internal static void Decoded(long startTimestamp)
    {
        DecodeDuration.Record(FaceAccordTelemetry.SecondsSince(startTimestamp));
        ImagesDecoded.Add(1);
    }

    internal static Activity? StartDetect() => FaceAccordTelemetry.Source.StartActivity("detect");

    internal static void Detected(long startTimestamp, string model, int faces)
    {
        var tag = new KeyValuePair<string, object?>("model", model);
        DetectDuration.Record(FaceAccordTelemetry.SecondsSince(startTimestamp), tag);
        FacesDetected.Add(faces, tag);
    }

    internal static Activity? StartEmbed() => FaceAccordTelemetry.Source.StartActivity("embed");

    internal static void Embedded(long startTimestamp, string model) =>
        EmbedDuration.Record(FaceAccordTelemetry.SecondsSince(startTimestamp), new KeyValuePair<string, object?>("model", model));
}
