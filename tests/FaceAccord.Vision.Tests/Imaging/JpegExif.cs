using System.Buffers.Binary;

namespace FaceAccord.Vision.Tests.Imaging;

/// <summary>Inserts an APP1 Exif segment carrying only the Orientation tag into a JPEG, as cameras write it.</summary>
internal static class JpegExif
{
    public static byte[] WithOrientation(byte[] jpeg, int orientation)
    {
        if (jpeg.Length < 2 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            throw new ArgumentException("Not a JPEG (no SOI marker).", nameof(jpeg));
        }

        // "Exif\0\0", big-endian TIFF header, IFD0 with one SHORT entry 0x0112, no next IFD.
        byte[] payload =
        [
            (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0,
            (byte)'M', (byte)'M', 0x00, 0x2A, 0, 0, 0, 8,
            0, 1,
            0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1, 0, (byte)orientation, 0, 0,
            0, 0, 0, 0,
        ];
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
    }
}
