using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using FaceAccord.Core;

namespace FaceAccord.Vision.Tests.Imaging;

/// <summary>Encodes images byte by byte, for formats Skia cannot write and headers no encoder would produce.</summary>
internal static class HandMadeImages
{
    /// <summary>A 24-bit bottom-up BMP of <paramref name="image"/>.</summary>
    public static byte[] Bmp(RgbImage image)
    {
        int rowBytes = ((image.Width * 3) + 3) & ~3;
        int dataSize = rowBytes * image.Height;
        var bytes = new byte[54 + dataSize];
        var s = bytes.AsSpan();
        s[0] = (byte)'B';
        s[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(s[2..], bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(s[10..], 54);
        BinaryPrimitives.WriteInt32LittleEndian(s[14..], 40);
        BinaryPrimitives.WriteInt32LittleEndian(s[18..], image.Width);
        BinaryPrimitives.WriteInt32LittleEndian(s[22..], image.Height);
        BinaryPrimitives.WriteInt16LittleEndian(s[26..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(s[28..], 24);
        BinaryPrimitives.WriteInt32LittleEndian(s[34..], dataSize);
        BinaryPrimitives.WriteInt32LittleEndian(s[38..], 2835);
        BinaryPrimitives.WriteInt32LittleEndian(s[42..], 2835);
        for (int y = 0; y < image.Height; y++)
        {
            int row = 54 + ((image.Height - 1 - y) * rowBytes);
            for (int x = 0; x < image.Width; x++)
            {
                int p = ((y * image.Width) + x) * 3;
                bytes[row + (x * 3)] = image.Pixels[p + 2];
                bytes[row + (x * 3) + 1] = image.Pixels[p + 1];
                bytes[row + (x * 3) + 2] = image.Pixels[p];
            }
        }

        return bytes;
    }

    /// <summary>
    /// A GIF89a with a 4-colour global palette and one image per frame (palette indices, row-major).
    /// </summary>
    public static byte[] Gif(int width, int height, (byte R, byte G, byte B)[] palette, params byte[][] frames)
    {
        using var o = new MemoryStream();
        o.Write("GIF89a"u8);
        WriteU16(o, width);
        WriteU16(o, height);
        o.WriteByte(0x91); // global table of 2^(1+1) = 4 entries, 2-bit colour resolution
        o.WriteByte(0);
        o.WriteByte(0);
        for (int i = 0; i < 4; i++)
        {
            o.WriteByte(palette[i].R);
            o.WriteByte(palette[i].G);
            o.WriteByte(palette[i].B);
        }

        foreach (byte[] indices in frames)
        {
            // Graphic control: no transparency, 10 ms delay, replace the previous frame.
            o.Write([0x21, 0xF9, 0x04, 0x08, 0x01, 0x00, 0x00, 0x00]);
            o.WriteByte(0x2C);
            WriteU16(o, 0);
            WriteU16(o, 0);
            WriteU16(o, width);
            WriteU16(o, height);
            o.WriteByte(0);
            o.WriteByte(2); // LZW minimum code size
            byte[] lzw = Lzw(indices);
            for (int i = 0; i < lzw.Length; i += 255)
            {
                int n = Math.Min(255, lzw.Length - i);
                o.WriteByte((byte)n);
                o.Write(lzw, i, n);
            }

            o.WriteByte(0);
        }

        o.WriteByte(0x3B);
        return o.ToArray();
    }

    /// <summary>A PNG whose header claims <paramref name="width"/> × <paramref name="height"/> but carries one tiny IDAT.</summary>
    public static byte[] PngHeaderOnly(int width, int height)
    {
        using var o = new MemoryStream();
        o.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // truecolour RGB
        Chunk(o, "IHDR", ihdr);
        using (var z = new MemoryStream())
        {
            using (var zlib = new ZLibStream(z, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(new byte[64]);
            }

            Chunk(o, "IDAT", z.ToArray());
        }

        Chunk(o, "IEND", []);
        return o.ToArray();
    }

    /// <summary>
    /// LZW with a clear code before every pair of literals: the code width never grows past 3 bits, which
    /// every decoder reads the same way (valid, just not compressed).
    /// </summary>
    private static byte[] Lzw(byte[] indices)
    {
        const int clear = 4, end = 5, width = 3;
        var codes = new List<int>();
        for (int i = 0; i < indices.Length; i += 2)
        {
            codes.Add(clear);
            codes.Add(indices[i]);
            if (i + 1 < indices.Length)
            {
                codes.Add(indices[i + 1]);
            }
        }

        codes.Add(end);
        var bytes = new List<byte>();
        int acc = 0, bits = 0;
        foreach (int code in codes)
        {
            acc |= code << bits;
            bits += width;
            while (bits >= 8)
            {
                bytes.Add((byte)acc);
                acc >>= 8;
                bits -= 8;
            }
        }

        if (bits > 0)
        {
            bytes.Add((byte)acc);
        }

        return [.. bytes];
    }

    private static void Chunk(Stream o, string type, byte[] data)
    {
        Span<byte> u32 = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(u32, data.Length);
        o.Write(u32);
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        o.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(u32, Crc32(typeAndData));
        o.Write(u32);
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
    }

    private static void WriteU16(Stream o, int v)
    {
        o.WriteByte((byte)v);
        o.WriteByte((byte)(v >> 8));
    }
}
