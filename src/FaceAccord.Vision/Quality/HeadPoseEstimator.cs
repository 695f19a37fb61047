using System.Buffers;
using System.Numerics;
using FaceAccord.Core;
using FaceAccord.Models.Packs;
using FaceAccord.Models.Runtime;
using FaceAccord.Vision.Imaging;
using Microsoft.ML.OnnxRuntime;

namespace FaceAccord.Vision.Quality;

/// <summary>
/// Head pose from a learned model (a HopeNet-style network: yaw, pitch and roll each classified into 66
/// bins of 3°, read back as the softmax's expected angle), because the angles four coarse landmarks allow
/// overstate yaw on ordinary frontal photos and refused them at enrolment. The crop is the face box widened
/// by a quarter on each side and stretched to the model's square input, as the model was trained.
/// </summary>
public sealed class HeadPoseEstimator
{
    private const int Bins = 66;
    private const float BinDegrees = 3f;
    private const float FirstBinDegrees = -99f;

    private readonly ModelSession _session;
    private readonly ModelEntry _entry;

    public HeadPoseEstimator(ModelSession session, ModelEntry entry)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Role != ModelRole.HeadPose || session.OutputNames.Count != 3)
        {
            throw new ArgumentException($"Model {entry.Id} is not a head-pose model with yaw, pitch and roll outputs.", nameof(entry));
        }

        _session = session;
        _entry = entry;
    }

    /// <summary>The pose of each face, in the order given (angles in degrees, <see cref="HeadPose"/>'s signs).</summary>
    public HeadPose[] Estimate(RgbImage image, IReadOnlyList<DetectedFace> faces)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(faces);
        if (faces.Count == 0)
        {
            return [];
        }

        int w = _entry.InputWidth, h = _entry.InputHeight, per = w * h * 3;
        float[] input = ArrayPool<float>.Shared.Rent(per * faces.Count);
        try
        {
            for (int i = 0; i < faces.Count; i++)
            {
                var box = faces[i].Box;
                float left = box.X - (box.Width / 4), top = box.Y - (box.Height / 4);
                float sx = w / (box.Width * 1.5f), sy = h / (box.Height * 1.5f);

                // Pixel centres at integers: the crop's pixel x covers image x ∈ left + (x + ½)/sx − ½.
                var map = new Matrix3x2(sx, 0, 0, sy, (-left * sx) + (0.5f * sx) - 0.5f, (-top * sy) + (0.5f * sy) - 0.5f);
                ImageResampler.Resample(image, map, w, h, _entry.Normalization, _entry.InputLayout, input.AsSpan(i * per, per));
            }

            using var tensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AsMemory(0, per * faces.Count), [faces.Count, 3, h, w]);
            using var outputs = _session.Run(tensor);
            ReadOnlySpan<float> yaw = outputs[0].GetTensorDataAsSpan<float>();
            ReadOnlySpan<float> pitch = outputs[1].GetTensorDataAsSpan<float>();
            ReadOnlySpan<float> roll = outputs[2].GetTensorDataAsSpan<float>();
            var poses = new HeadPose[faces.Count];
            for (int i = 0; i < faces.Count; i++)
            {
                // The model's yaw grows as the nose moves to the image's left; HeadPose's grows the other way.
                poses[i] = new HeadPose(
                    -Expected(yaw.Slice(i * Bins, Bins)),
                    Expected(pitch.Slice(i * Bins, Bins)),
                    Expected(roll.Slice(i * Bins, Bins)));
            }

            return poses;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
        }
    }

    /// <summary>The angle the bins' softmax expects.</summary>
    private static float Expected(ReadOnlySpan<float> logits)
    {
        float max = System.Numerics.Tensors.TensorPrimitives.Max(logits);
        double sum = 0, weighted = 0;
        for (int b = 0; b < logits.Length; b++)
        {
            double p = Math.Exp(logits[b] - max);
            sum += p;
            weighted += p * b;
        }

        return (float)((weighted / sum * BinDegrees) + FirstBinDegrees);
    }
}
