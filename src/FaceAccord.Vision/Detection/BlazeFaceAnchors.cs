namespace FaceAccord.Vision.Detection;

/// <summary>
/// The SSD anchor grid BlazeFace was trained with: one anchor pair per cell and layer, cells of the
/// given strides over a square input, fixed unit anchor size (MediaPipe's fixed_anchor_size).
/// The back-camera model uses 256 px input and strides 16, 32, 32, 32 → 512 + 384 = 896 anchors.
/// </summary>
public static class BlazeFaceAnchors
{
    /// <summary>Anchor centres in normalised input coordinates, in the order the model emits boxes.</summary>
    public static (float X, float Y)[] Generate(int inputSize, IReadOnlyList<int> strides, int anchorsPerLayer = 2)
    {
        ArgumentNullException.ThrowIfNull(strides);
        var anchors = new List<(float, float)>();
        int layer = 0;
        while (layer < strides.Count)
        {
            // Consecutive layers with the same stride share one grid: their anchors interleave per cell.
            int stride = strides[layer];
            int sameStride = 0;
            while (layer + sameStride < strides.Count && strides[layer + sameStride] == stride)
            {
                sameStride++;
            }

            int cells = (int)Math.Ceiling(inputSize / (double)stride);
            int perCell = anchorsPerLayer * sameStride;
            for (int y = 0; y < cells; y++)
            {
                for (int x = 0; x < cells; x++)
                {
                    float cx = (x + 0.5f) / cells;
                    float cy = (y + 0.5f) / cells;
                    for (int k = 0; k < perCell; k++)
                    {
                        anchors.Add((cx, cy));
                    }
                }
            }

            layer += sameStride;
        }

        return [.. anchors];
    }
}
