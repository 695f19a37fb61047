namespace FaceAccord.Core;

/// <summary>
/// A biometric template: an L2-normalised embedding plus the id of the model pack that made it.
/// Templates of different packs live in different spaces and must never be compared.
/// </summary>
public sealed class FaceTemplate
{
    private readonly float[] _vector;

    public FaceTemplate(string modelId, ReadOnlySpan<float> vector)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        if (vector.IsEmpty)
        {
            throw new ArgumentException("A template needs at least one dimension.", nameof(vector));
        }

        ModelId = modelId;
        _vector = vector.ToArray();
    }

    /// <summary>The model pack (and embedding model) that produced this template.</summary>
    public string ModelId { get; }

    public ReadOnlySpan<float> Vector => _vector;

    public int Dimensions => _vector.Length;

    /// <summary>Cosine similarity in [-1, 1]; refuses templates of different models.</summary>
    public float Similarity(FaceTemplate other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!string.Equals(ModelId, other.ModelId, StringComparison.Ordinal) || Dimensions != other.Dimensions)
        {
            throw FaceAccordException.BadInput(
                "template-model-mismatch",
                $"Templates of model '{ModelId}' and '{other.ModelId}' cannot be compared.");
        }

        return VectorMath.Cosine(_vector, other._vector);
    }
}
