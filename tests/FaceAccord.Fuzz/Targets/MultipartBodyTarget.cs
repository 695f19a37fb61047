using System.Text;
using FaceAccord.Core;
using FaceAccord.Server.Http;

namespace FaceAccord.Fuzz.Targets;

/// <summary>
/// Image uploads as the server reads them (<see cref="RequestBodies.ImageAsync"/>, <see cref="RequestBodies.ImagesAsync"/>):
/// the input's first line is the Content-Type header (boundary included), the rest is the body.
/// </summary>
public sealed class MultipartBodyTarget : FuzzTarget
{
    public override string Name => "multipart";

    protected override void Parse(ReadOnlySpan<byte> input)
    {
        int newline = input.IndexOf((byte)'\n');
        string contentType = Encoding.Latin1.GetString(newline < 0 ? input : input[..newline]).TrimEnd('\r');
        byte[] body = newline < 0 ? [] : input[(newline + 1)..].ToArray();

        // Both readers see every input: a refusal by the first must not hide what the second does with it.
        try
        {
            HttpBodies.Wait(RequestBodies.ImageAsync(HttpBodies.Request(contentType, body), "image"));
        }
        catch (FaceAccordException e) when (e.Kind == ErrorKind.BadInput)
        {
        }

        HttpBodies.Wait(RequestBodies.ImagesAsync(HttpBodies.Request(contentType, body), "imageA", "imageB"));
    }
}
