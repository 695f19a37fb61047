using System.Buffers.Binary;
using FaceAccord.Core;

namespace FaceAccord.Vision.Tests.Imaging;

/// <summary>
/// A minimal progressive JPEG encoder (Skia writes only baseline): YCbCr 4:4:4, one flat quantisation table, a DC
/// scan of all components and one spectral-selection AC scan per component, Huffman tables that give every symbol
/// the same length. Inefficient and legal (ITU T.81 G.1), which is all a decoder test needs.
/// </summary>
internal static class ProgressiveJpeg
{
    private const int Quantizer = 2;

    private static readonly int[] ZigZag = BuildZigZag();

    public static byte[] Encode(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        int bw = (image.Width + 7) / 8, bh = (image.Height + 7) / 8;
        var coefficients = new int[3][];
        for (int c = 0; c < 3; c++)
        {
            coefficients[c] = new int[bw * bh * 64];
        }

        Span<double> block = stackalloc double[64];
        for (int by = 0; by < bh; by++)
        {
            for (int bx = 0; bx < bw; bx++)
            {
                for (int c = 0; c < 3; c++)
                {
                    for (int y = 0; y < 8; y++)
                    {
                        for (int x = 0; x < 8; x++)
                        {
                            // Edge blocks repeat the last row and column, as encoders pad.
                            int px = Math.Min(image.Width - 1, (bx * 8) + x), py = Math.Min(image.Height - 1, (by * 8) + y);
                            int i = ((py * image.Width) + px) * 3;
                            double r = image.Pixels[i], g = image.Pixels[i + 1], b = image.Pixels[i + 2];
                            block[(y * 8) + x] = c switch
                            {
                                0 => (0.299 * r) + (0.587 * g) + (0.114 * b),
                                1 => (-0.168736 * r) - (0.331264 * g) + (0.5 * b) + 128,
                                _ => (0.5 * r) - (0.418688 * g) - (0.081312 * b) + 128,
                            } - 128;
                        }
                    }

                    ForwardDct(block, coefficients[c].AsSpan(((by * bw) + bx) * 64, 64));
                }
            }
        }

        using var o = new MemoryStream();
        o.Write([0xFF, 0xD8]);
        Segment(o, 0xDB, [0, .. Enumerable.Repeat((byte)Quantizer, 64)]);
        Segment(o, 0xC2,
        [
            8, (byte)(image.Height >> 8), (byte)image.Height, (byte)(image.Width >> 8), (byte)image.Width, 3,
            1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0,
        ]);

        // DC: categories 0..11, all 4 bits long. AC: every (run, size) with size 1..10 plus EOB and ZRL, all 8 bits long.
        byte[] acSymbols = [0x00, 0xF0, .. Enumerable.Range(0, 16).SelectMany(run => Enumerable.Range(1, 10).Select(size => (byte)((run << 4) | size)))];
        Segment(o, 0xC4, [0x00, .. Lengths(4, 12), .. Enumerable.Range(0, 12).Select(v => (byte)v)]);
        Segment(o, 0xC4, [0x10, .. Lengths(8, acSymbols.Length), .. acSymbols]);

        // Scan 1: the DC coefficients of all three components, interleaved block by block.
        Segment(o, 0xDA, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 0, 0]);
        var bits = new BitWriter(o);
        var previous = new int[3];
        for (int b = 0; b < bw * bh; b++)
        {
            for (int c = 0; c < 3; c++)
            {
                int dc = coefficients[c][b * 64];
                WriteValue(bits, dc - previous[c], 4, category => category);
                previous[c] = dc;
            }
        }

        bits.Flush();

        // Scans 2–4: coefficients 1..63 of one component each, blocks in raster order.
        for (int c = 0; c < 3; c++)
        {
            Segment(o, 0xDA, [1, (byte)(c + 1), 0x00, 1, 63, 0]);
            bits = new BitWriter(o);
            for (int b = 0; b < bw * bh; b++)
            {
                int run = 0;
                for (int k = 1; k < 64; k++)
                {
                    int v = coefficients[c][(b * 64) + ZigZag[k]];
                    if (v == 0)
                    {
                        run++;
                        continue;
                    }

                    for (; run >= 16; run -= 16)
                    {
                        bits.Write(Array.IndexOf(acSymbols, (byte)0xF0), 8);
                    }

                    int r = run;
                    WriteValue(bits, v, 8, size => Array.IndexOf(acSymbols, (byte)((r << 4) | size)));
                    run = 0;
                }

                if (run > 0)
                {
                    bits.Write(Array.IndexOf(acSymbols, (byte)0x00), 8);
                }
            }

            bits.Flush();
        }

        o.Write([0xFF, 0xD9]);
        return o.ToArray();
    }

    /// <summary>Huffman code (fixed length, the symbol's index) then the value's magnitude bits (T.81 F.1.2.1).</summary>
    private static void WriteValue(BitWriter bits, int value, int codeLength, Func<int, int> codeOf)
    {
        int magnitude = Math.Abs(value);
        int size = magnitude == 0 ? 0 : 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)magnitude);
        bits.Write(codeOf(size), codeLength);
        if (size > 0)
        {
            bits.Write(value > 0 ? value : value + (1 << size) - 1, size);
        }
    }

    private static byte[] Lengths(int length, int count)
    {
        var bits = new byte[16];
        bits[length - 1] = (byte)count;
        return bits;
    }

    private static void Segment(Stream o, byte marker, byte[] payload)
    {
        Span<byte> head = [0xFF, marker, 0, 0];
        BinaryPrimitives.WriteUInt16BigEndian(head[2..], (ushort)(payload.Length + 2));
        o.Write(head);
        o.Write(payload);
    }

    private static void ForwardDct(ReadOnlySpan<double> block, Span<int> output)
    {
        for (int v = 0; v < 8; v++)
        {
            for (int u = 0; u < 8; u++)
            {
                double sum = 0;
                for (int y = 0; y < 8; y++)
                {
                    for (int x = 0; x < 8; x++)
                    {
                        sum += block[(y * 8) + x] * Math.Cos(((2 * x) + 1) * u * Math.PI / 16) * Math.Cos(((2 * y) + 1) * v * Math.PI / 16);
                    }
                }

                double cu = u == 0 ? Math.Sqrt(0.5) : 1, cv = v == 0 ? Math.Sqrt(0.5) : 1;
                output[(v * 8) + u] = (int)Math.Round(0.25 * cu * cv * sum / Quantizer);
            }
        }
    }

    /// <summary>Natural (row-major) index of the k-th coefficient in zig-zag order.</summary>
    private static int[] BuildZigZag()
    {
        var order = new int[64];
        int k = 0;
        for (int s = 0; s < 15; s++)
        {
            for (int i = 0; i <= s; i++)
            {
                int row = s % 2 == 0 ? s - i : i, column = s - row;
                if (row < 8 && column < 8)
                {
                    order[k++] = (row * 8) + column;
                }
            }
        }

        return order;
    }

    /// <summary>MSB-first bits with JPEG's byte stuffing (0xFF is followed by 0x00); the last byte is padded with ones.</summary>
    private sealed class BitWriter(Stream output)
    {
        private int _buffer;
        private int _count;

        public void Write(int value, int length)
        {
            for (int i = length - 1; i >= 0; i--)
            {
                _buffer = (_buffer << 1) | ((value >> i) & 1);
                if (++_count == 8)
                {
                    Emit();
                }
            }
        }

        public void Flush()
        {
            while (_count != 0)
            {
                Write(1, 1);
            }
        }

        private void Emit()
        {
            output.WriteByte((byte)_buffer);
            if (_buffer == 0xFF)
            {
                output.WriteByte(0);
            }

            _buffer = 0;
            _count = 0;
        }
    }
}
