using System.Buffers;
using System.Numerics;
using FaceAccord.Core;
using FaceAccord.Models.Packs;
using FaceAccord.Models.Runtime;
using FaceAccord.Vision.Imaging;
using Microsoft.ML.OnnxRuntime;

namespace FaceAccord.Vision.Detection;

/// <summary>
/// BlazeFace (MediaPipe's back-camera model) on photos of any size: <see cref="DetectionCascade"/> decides which
/// square views of the photo to look at; this class resamples each view onto the 256 px input, runs them in one
/// batch and decodes the outputs against the anchor grid into photo coordinates.
/// </summary>
public sealed class BlazeFaceDetector
{
    /// <summary>ONNX output names the pack's converter gives BlazeFace's four heads.</summary>
    public static readonly string[] OutputNames = ["regressors16", "scores16", "regressors32", "scores32"];

    private static readonly int[] Strides = [16, 32, 32, 32];

    private readonly ModelSession _session;
    private readonly ModelEntry _entry;
    private readonly (float X, float Y)[] _anchors;

    public BlazeFaceDetector(ModelSession session, ModelEntry entry, DetectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(options);
        _session = session;
        _entry = entry;
        Options = options;
        InputSize = entry.InputWidth;
        _anchors = BlazeFaceAnchors.Generate(InputSize, Strides);
    }

    public DetectorOptions Options { get; }

    /// <summary>Side of the model's square input, in pixels.</summary>
    public int InputSize { get; }

    /// <summary>Finds faces, highest score first, in pixel coordinates of <paramref name="image"/>.</summary>
    public IReadOnlyList<DetectedFace> Detect(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Detect(Photo.Of(image));
    }

    /// <summary>Finds faces, highest score first, in coordinates of <paramref name="photo"/>.</summary>
    public IReadOnlyList<DetectedFace> Detect(Photo photo)
    {
        ArgumentNullException.ThrowIfNull(photo);
        return new DetectionCascade(this, photo).Run();
    }

    /// <summary>
    /// Runs the model on each view (with the pixels it reads from) and returns each view's raw candidates scoring at
    /// least <paramref name="minScore"/>, in model-input coordinates; <see cref="InPhoto"/> turns them into detections.
    /// </summary>
    internal List<FaceCandidate>[] Run(IReadOnlyList<(DetectionView View, PhotoPixels Pixels)> views, float minScore)
    {
        var raw = new List<FaceCandidate>[views.Count];
        if (views.Count == 0)
        {
            return raw;
        }

        int perImage = InputSize * InputSize * 3;
        float[] input = ArrayPool<float>.Shared.Rent(perImage * views.Count);
        try
        {
            for (int v = 0; v < views.Count; v++)
            {
                var (view, pixels) = views[v];
                Matrix3x2.Invert(pixels.FromPhoto, out var toPhoto);
                ImageResampler.Resample(pixels.Image, toPhoto * view.PhotoToInput(InputSize), InputSize, InputSize,
                    _entry.Normalization, TensorLayout.Nhwc, input.AsSpan(v * perImage, perImage));
            }

            using var tensor = OrtValue.CreateTensorValueFromMemory(
                OrtMemoryInfo.DefaultInstance, input.AsMemory(0, perImage * views.Count), [views.Count, InputSize, InputSize, 3]);
            using var outputs = _session.Run(tensor);
            ReadOnlySpan<float> reg16 = outputs[0].GetTensorDataAsSpan<float>();
            ReadOnlySpan<float> sc16 = outputs[1].GetTensorDataAsSpan<float>();
            ReadOnlySpan<float> reg32 = outputs[2].GetTensorDataAsSpan<float>();
            ReadOnlySpan<float> sc32 = outputs[3].GetTensorDataAsSpan<float>();
            int n16 = sc16.Length / views.Count;
            int n32 = sc32.Length / views.Count;
            for (int v = 0; v < views.Count; v++)
            {
                raw[v] = [];
                BlazeFaceDecoder.Decode(
                    reg16.Slice(v * n16 * BlazeFaceDecoder.Regressors, n16 * BlazeFaceDecoder.Regressors),
                    sc16.Slice(v * n16, n16),
                    _anchors.AsSpan(0, n16),
                    InputSize,
                    minScore,
                    raw[v]);
                BlazeFaceDecoder.Decode(
                    reg32.Slice(v * n32 * BlazeFaceDecoder.Regressors, n32 * BlazeFaceDecoder.Regressors),
                    sc32.Slice(v * n32, n32),
                    _anchors.AsSpan(n16, n32),
                    InputSize,
                    minScore,
                    raw[v]);
            }

            return raw;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
        }
    }

    /// <summary>
    /// One view's raw candidates of at least <paramref name="minScore"/>, merged by weighted NMS, in photo
    /// coordinates; a tile drops those its edge cuts through (the face continues in a neighbouring tile).
    /// </summary>
    internal IEnumerable<ViewDetection> InPhoto(List<FaceCandidate> raw, DetectionView view, float minScore, int width, int height)
    {
        float inv = view.Side / InputSize;
        foreach (var c in WeightedNonMaxSuppression.Apply(raw.Where(c => c.Score >= minScore).ToList(), Options.NmsIou))
        {
            var kp = new float[c.Keypoints.Length];
            for (int k = 0; k < kp.Length; k += 2)
            {
                kp[k] = view.Left + (c.Keypoints[k] * inv);
                kp[k + 1] = view.Top + (c.Keypoints[k + 1] * inv);
            }

            var box = new FaceBox(view.Left + (c.Box.X * inv), view.Top + (c.Box.Y * inv), c.Box.Width * inv, c.Box.Height * inv);
            if (!view.CutsThrough(box, width, height))
            {
                yield return new ViewDetection(new FaceCandidate(box, c.Score, kp), view, c.Box.Width);
            }
        }
    }

    /// <summary>The reported face: box clipped to the photo, keypoints named.</summary>
    internal static DetectedFace ToFace(FaceCandidate c, int width, int height)
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
