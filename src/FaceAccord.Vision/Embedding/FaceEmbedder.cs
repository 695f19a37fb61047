using System.Buffers;
using System.Numerics;
using FaceAccord.Core;
using FaceAccord.Models.Packs;
using FaceAccord.Models.Runtime;
using FaceAccord.Vision.Alignment;
using Microsoft.ML.OnnxRuntime;

namespace FaceAccord.Vision.Embedding;

/// <summary>
/// One embedding model: aligns each face onto the model's own landmark template by a similarity
/// transform, runs the faces in batches, and returns unit-length embeddings. With flip averaging on,
/// the mirrored crop's embedding is added before normalising (a cheap, standard accuracy gain).
/// </summary>
public sealed class FaceEmbedder
{
    private readonly ModelSession _session;
    private readonly Vector2[] _template;
    private readonly int _maxBatch;

    public FaceEmbedder(ModelSession session, ModelEntry entry, InferenceOptions options, bool flipAverage)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(options);
        if (entry.Role != ModelRole.Embedder || entry.AlignmentPoints is not { Count: 8 } points)
        {
            throw new ArgumentException($"Model {entry.Id} is not an embedder with an alignment template.", nameof(entry));
        }

        _session = session;
        Entry = entry;
        FlipAverage = flipAverage;
        _maxBatch = Math.Max(1, options.MaxBatchSize);
        _template = [.. Enumerable.Range(0, 4).Select(i => new Vector2(points[2 * i], points[2 * i + 1]))];
    }

    public ModelEntry Entry { get; }

    public bool FlipAverage { get; }

    public int Dimensions => Entry.EmbeddingSize;

    /// <summary>The transform that maps image pixels onto this model's crop for a face.</summary>
    public SimilarityTransform AlignmentFor(FaceLandmarks landmarks) =>
        SimilarityTransform.Estimate(landmarks.AlignmentPoints(), _template);

    /// <summary>Writes one unit-length embedding per face into <paramref name="destination"/> (faces × Dimensions).</summary>
    public void Embed(RgbImage image, IReadOnlyList<FaceLandmarks> faces, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(faces);
        int d = Dimensions;
        if (destination.Length < faces.Count * d)
        {
            throw new ArgumentException("Destination is too small.", nameof(destination));
        }

        int w = Entry.InputWidth;
        int h = Entry.InputHeight;
        int per = w * h * 3;
        int copies = FlipAverage ? 2 : 1;
        for (int start = 0; start < faces.Count; start += _maxBatch)
        {
            int n = Math.Min(_maxBatch, faces.Count - start);
            int items = n * copies;
            float[] input = ArrayPool<float>.Shared.Rent(items * per);
            try
            {
                for (int i = 0; i < n; i++)
                {
                    var transform = AlignmentFor(faces[start + i]);
                    Span<float> slot = input.AsSpan(i * copies * per, per);
                    FaceAligner.Warp(image, transform, w, h, Entry.Normalization, Entry.InputLayout, slot);
                    if (FlipAverage)
                    {
                        FaceAligner.Warp(image, transform, w, h, Entry.Normalization, Entry.InputLayout, input.AsSpan((i * copies + 1) * per, per), mirror: true);
                    }
                }

                long[] shape = Entry.InputLayout == TensorLayout.Nhwc ? [items, h, w, 3] : [items, 3, h, w];
                using var tensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AsMemory(0, items * per), shape);
                using var outputs = _session.Run(tensor);
                ReadOnlySpan<float> raw = outputs[0].GetTensorDataAsSpan<float>();
                for (int i = 0; i < n; i++)
                {
                    Span<float> target = destination.Slice((start + i) * d, d);
                    raw.Slice(i * copies * d, d).CopyTo(target);
                    if (FlipAverage)
                    {
                        // Each copy is normalised first so the mirrored view weighs the same.
                        VectorMath.NormalizeInPlace(target);
                        float[] tmp = ArrayPool<float>.Shared.Rent(d);
                        raw.Slice((i * copies + 1) * d, d).CopyTo(tmp);
                        VectorMath.NormalizeInPlace(tmp.AsSpan(0, d));
                        System.Numerics.Tensors.TensorPrimitives.Add(target, tmp.AsSpan(0, d), target);
                        ArrayPool<float>.Shared.Return(tmp);
                    }

                    VectorMath.NormalizeInPlace(target);
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(input);
            }
        }
    }
}
