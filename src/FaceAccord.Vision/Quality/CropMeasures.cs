namespace FaceAccord.Vision.Quality;

/// <summary>
/// Focus and exposure statistics of a square grey crop, counting only pixels that came from inside the
/// image (padding outside it would read as black and as a hard edge).
/// </summary>
internal static class CropMeasures
{
    /// <summary>Luma at or above this (250 of 255) counts as blown out.</summary>
    public const float ClipLevel = 250f / 255f;

    /// <summary>Computes the statistics of <paramref name="grey"/> (0..1, row-major <paramref name="size"/>²).</summary>
    public static Result Measure(ReadOnlySpan<float> grey, ReadOnlySpan<bool> inside, int size)
    {
        double sum = 0, sumSq = 0;
        int count = 0, clipped = 0;
        for (int i = 0; i < size * size; i++)
        {
            if (inside[i])
            {
                float v = grey[i];
                sum += v;
                sumSq += v * v;
                count++;
                if (v >= ClipLevel)
                {
                    clipped++;
                }
            }
        }

        // 4-neighbour Laplacian wherever all five taps are inside the image.
        double lapSum = 0, lapSq = 0;
        int lapCount = 0;
        for (int y = 1; y < size - 1; y++)
        {
            int row = y * size;
            for (int x = 1; x < size - 1; x++)
            {
                int i = row + x;
                if (inside[i] && inside[i - 1] && inside[i + 1] && inside[i - size] && inside[i + size])
                {
                    double lap = grey[i - 1] + grey[i + 1] + grey[i - size] + grey[i + size] - (4 * grey[i]);
                    lapSum += lap;
                    lapSq += lap * lap;
                    lapCount++;
                }
            }
        }

        float mean = count == 0 ? float.NaN : (float)(sum / count);
        float variance = count == 0 ? float.NaN : (float)Math.Max(0, (sumSq / count) - (mean * (double)mean));
        float lapVariance = lapCount == 0 ? float.NaN : (float)Math.Max(0, (lapSq / lapCount) - Math.Pow(lapSum / lapCount, 2));
        return new Result(mean, variance, count == 0 ? float.NaN : (float)clipped / count, lapVariance);
    }

    /// <summary>Mean and variance of luma, fraction blown out, variance of the Laplacian.</summary>
    internal readonly record struct Result(float MeanLuminance, float LuminanceVariance, float ClippedFraction, float LaplacianVariance);
}
