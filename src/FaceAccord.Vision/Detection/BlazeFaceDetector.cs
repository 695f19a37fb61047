using System.Buffers;
using System.Numerics;
using FaceAccord.Core;
using FaceAccord.Models.Packs;
using FaceAccord.Models.Runtime;
using FaceAccord.Vision.Alignment;
using Microsoft.ML.OnnxRuntime;

namespace FaceAccord.Vision.Detection;

/// <summary>
/// BlazeFace (MediaPipe's back-camera model) on any image size: the whole image letterboxed onto
/// the 256 px input, plus overlapping tiles when small faces must be found, all in one batched run;
/// outputs are decoded against the anchor grid and merged by weighted NMS across views.
/// </summary>
public sealed class BlazeFaceDetector
{
    /// <summary>ONNX output names the pack's converter gives BlazeFace's four heads.</summary>
    public static readonly string[] OutputNames = ["regressors16", "scores16", "regressors32", "scores32"];

    private static readonly int[] Strides = [16, 32, 32, 32];

    private readonly ModelSession _session;
    private readonly ModelEntry _entry;
    private readonly (float X, float Y)[] _anchors;
    private readonly int _size;

    public BlazeFaceDetector(ModelSession session, ModelEntry entry, DetectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _session = session;
        _entry = entry;
        Options = options;
        _size = entry.InputWidth;
        _anchors = BlazeFaceAnchors.Generate(_size, Strides);
    }

    public DetectorOptions Options { get; }

    /// <summary>Finds faces, highest score first, in pixel coordinates of <paramref name="image"/>.</summary>
    public IReadOnlyList<DetectedFace> Detect(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var faces = Detect(image, DetectionView.Plan(image.Width, image.Height, _size, Options));
        if (faces.Count == 0 && Options.CloseUpFill is > 0 and < 1)
        {
            faces = Detect(image, [DetectionView.ZoomedOut(image.Width, image.Height, Options.CloseUpFill)]);
        }

        return faces;
    }

    private List<DetectedFace> Detect(RgbImage image, List<DetectionView> views)
    {
        int perImage = _size * _size * 3;
        float[] input = ArrayPool<float>.Shared.Rent(perImage * views.Count);
        try
        {
            for (int v = 0; v < views.Count; v++)
            {
                var view = views[v];
                var toInput = SimilarityTransform.Estimate(
                    [new Vector2(view.Left, view.Top), new Vector2(view.Left + view.Side, view.Top + view.Side)],
                    [Vector2.Zero, new Vector2(_size, _size)]);
                FaceAligner.Warp(image, toInput, _size, _size, _entry.Normalization, TensorLayout.Nhwc, input.AsSpan(v * perImage, perImage));
            }

            using var tensor = OrtValue.CreateTensorValueFromMemory(
                OrtMemoryInfo.DefaultInstance, input.AsMemory(0, perImage * views.Count), [views.Count, _size, _size, 3]);
            using var outputs = _session.Run(tensor);
            return Decode(outputs, views, image.Width, image.Height);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
        }
    }

    private List<DetectedFace> Decode(IReadOnlyList<OrtValue> outputs, List<DetectionView> views, int width, int height)
    {
        ReadOnlySpan<float> reg16 = outputs[0].GetTensorDataAsSpan<float>();
        ReadOnlySpan<float> sc16 = outputs[1].GetTensorDataAsSpan<float>();
        ReadOnlySpan<float> reg32 = outputs[2].GetTensorDataAsSpan<float>();
        ReadOnlySpan<float> sc32 = outputs[3].GetTensorDataAsSpan<float>();
        int n16 = sc16.Length / views.Count;
        int n32 = sc32.Length / views.Count;
        var all = new List<FaceCandidate>();
        var perView = new List<FaceCandidate>();
        for (int v = 0; v < views.Count; v++)
        {
            perView.Clear();
            BlazeFaceDecoder.Decode(
                reg16.Slice(v * n16 * BlazeFaceDecoder.Regressors, n16 * BlazeFaceDecoder.Regressors),
                sc16.Slice(v * n16, n16),
                _anchors.AsSpan(0, n16),
                _size,
                Options.MinScore,
                perView);
            BlazeFaceDecoder.Decode(
                reg32.Slice(v * n32 * BlazeFaceDecoder.Regressors, n32 * BlazeFaceDecoder.Regressors),
                sc32.Slice(v * n32, n32),
                _anchors.AsSpan(n16, n32),
                _size,
                Options.MinScore,
                perView);

            var view = views[v];
            float inv = view.Side / _size;
            foreach (var c in WeightedNonMaxSuppression.Apply(perView, Options.NmsIou))
            {
                var kp = new float[c.Keypoints.Length];
                for (int k = 0; k < kp.Length; k += 2)
                {
                    kp[k] = view.Left + c.Keypoints[k] * inv;
                    kp[k + 1] = view.Top + c.Keypoints[k + 1] * inv;
                }

                var box = new FaceBox(view.Left + c.Box.X * inv, view.Top + c.Box.Y * inv, c.Box.Width * inv, c.Box.Height * inv);
                if (!view.CutsThrough(box, width, height))
                {
                    all.Add(new FaceCandidate(box, c.Score, kp));
                }
            }
        }

        return [.. WeightedNonMaxSuppression.Apply(all, Options.NmsIou).Select(c => ToFace(c, width, height))];
    }

    private static DetectedFace ToFace(FaceCandidate c, int width, int height)
    {
        // Keypoint order of the model: subject's right eye, left eye, nose tip, mouth centre, right ear, left ear.
        Vector2 P(int k) => new(c.Keypoints[2 * k], c.Keypoints[2 * k + 1]);
        var box = Clip(c.Box, width, height);
        return new DetectedFace(box, c.Score, new FaceLandmarks(
            LeftEye: P(1), RightEye: P(0), Nose: P(2), Mouth: P(3), LeftEar: P(5), RightEar: P(4)));
    }

    private static FaceBox Clip(FaceBox b, int width, int height)
    {
        float x0 = Math.Clamp(b.X, 0, width);
        float y0 = Math.Clamp(b.Y, 0, height);
        float x1 = Math.Clamp(b.Right, 0, width);
        float y1 = Math.Clamp(b.Bottom, 0, height);
        return new FaceBox(x0, y0, x1 - x0, y1 - y0);
    }
}
