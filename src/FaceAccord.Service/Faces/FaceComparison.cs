using FaceAccord.Core;
using FaceAccord.Vision;
using FaceAccord.Vision.Imaging;
using FaceAccord.Vision.Scoring;

namespace FaceAccord.Service.Faces;

/// <summary>
/// The one way FaceAccord compares two images, shared by <c>faceaccord verify</c>, <c>POST /v1/verify</c> and the
/// independent-testing API, so a score from any of them is the same number: the prominent face of each image (the
/// largest confident one, <see cref="ProminentFace"/>), scored by the calibration's rule (cosine, or cosine
/// normalised against the pack's cohort), rounded to 6 decimals. The thresholds of that calibration are in the same units.
/// </summary>
public static class FaceComparison
{
    public const int Decimals = 6;

    public static double Similarity(
        FacePipeline pipeline, TemplateScorer scorer, ReadOnlySpan<byte> imageA, ReadOnlySpan<byte> imageB, string fieldA = "imageA", string fieldB = "imageB")
    {
        ArgumentNullException.ThrowIfNull(scorer);
        var a = ProminentTemplate(pipeline, imageA, fieldA);
        var b = ProminentTemplate(pipeline, imageB, fieldB);
        return Math.Round(scorer.Score(a, b), Decimals);
    }

    /// <summary>The score of two templates by the calibration's rule, rounded as every comparison is.</summary>
    public static double Similarity(TemplateScorer scorer, FaceTemplate a, FaceTemplate b)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        return Math.Round(scorer.Score(a, b), Decimals);
    }

    /// <summary>The template of the prominent face; <c>no-face</c> when there is none.</summary>
    public static FaceTemplate ProminentTemplate(FacePipeline pipeline, ReadOnlySpan<byte> image, string field)
    {
        var (photo, face) = Prominent(pipeline, image, field);
        return pipeline.Embed(photo, face);
    }

    /// <summary>The decoded photo and its prominent face (what a review crop is cut from); <c>no-face</c> when there is none.</summary>
    public static (Photo Photo, DetectedFace Face) Prominent(FacePipeline pipeline, ReadOnlySpan<byte> image, string field)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var photo = pipeline.Load(image);
        var face = ProminentFace.Of(pipeline.Detect(photo))
            ?? throw FaceAccordException.BadInput("no-face", $"No face was found in {field}.");
        return (photo, face);
    }
}
