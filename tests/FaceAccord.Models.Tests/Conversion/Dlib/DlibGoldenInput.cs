namespace FaceAccord.Models.Tests.Conversion.Dlib;

/// <summary>
/// The synthetic batch tools/goldens/dlib-goldens.js feeds face-api: NHWC [2,150,150,3], raw 0..255 RGB,
/// pixel(n, y, x, c) = 127.5 + 127.5 * sin(0.05 * x * (c + 1) + 0.07 * y + 0.3 * n), in double, stored as float32.
/// </summary>
internal static class DlibGoldenInput
{
    public const int Batch = 2;
    public const int Size = 150;

    public static float[] Create(int batch = Batch, int firstImage = 0)
    {
        var values = new float[batch * Size * Size * 3];
        int i = 0;
        for (int n = firstImage; n < firstImage + batch; n++)
        {
            for (int y = 0; y < Size; y++)
            {
                for (int x = 0; x < Size; x++)
                {
                    for (int c = 0; c < 3; c++)
                    {
                        values[i++] = (float)(127.5 + (127.5 * Math.Sin((0.05 * x * (c + 1)) + (0.07 * y) + (0.3 * n))));
                    }
                }
            }
        }

        return values;
    }
}
