using System.Text;
using FaceAccord.Core;
using FaceAccord.Server.Http;
using Microsoft.AspNetCore.Http;

namespace FaceAccord.Server.Tests;

/// <summary>
/// Multipart bodies the form reader cannot read are bad input with one code, found by fuzzing the body readers
/// (tests/FaceAccord.Fuzz, target multipart): a body cut short escaped as IOException, answered 500.
/// </summary>
public sealed class RequestBodiesTests
{
    [Theory]
    // Cut off inside the file part: "Unexpected end of Stream" (IOException).
    [InlineData("multipart/form-data; boundary=fz", "--fz\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n\r\nabc")]
    // A header line without a colon (InvalidDataException).
    [InlineData("multipart/form-data; boundary=fz", "--fz\r\nContent-Disposition: form-data; name=\"image\"\r\n--fz--\r\n")]
    // No boundary in the content type (InvalidDataException).
    [InlineData("multipart/form-data", "--fz\r\n\r\n--fz--\r\n")]
    public async Task A_multipart_body_the_form_reader_cannot_read_is_malformed_multipart(string contentType, string body)
    {
        var one = await Assert.ThrowsAsync<FaceAccordException>(() => RequestBodies.ImageAsync(Request(contentType, body), "image"));
        var two = await Assert.ThrowsAsync<FaceAccordException>(() => RequestBodies.ImagesAsync(Request(contentType, body), "imageA", "imageB"));

        foreach (var e in new[] { one, two })
        {
            Assert.Equal(ErrorKind.BadInput, e.Kind);
            Assert.Equal("malformed-multipart", e.Code);
        }
    }

    [Fact]
    public async Task A_well_formed_multipart_image_is_read()
    {
        const string body = "--fz\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\nPNGDATA\r\n--fz--\r\n";

        var (bytes, type) = await RequestBodies.ImageAsync(Request("multipart/form-data; boundary=fz", body), "image");

        Assert.Equal("PNGDATA"u8.ToArray(), bytes);
        Assert.Equal("image/png", type);
    }

    private static HttpRequest Request(string contentType, string body)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = contentType;
        context.Request.ContentLength = bytes.Length;
        context.Request.Body = new MemoryStream(bytes);
        return context.Request;
    }
}
