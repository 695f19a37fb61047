using System.Text.Json;
using FaceAccord.Core;
using FaceAccord.Service;
using Microsoft.AspNetCore.Http;

namespace FaceAccord.Server.Http;

/// <summary>
/// Reads request bodies the API accepts: JSON objects, and images as a multipart field or a raw
/// <c>image/*</c> body. Wrong content types and malformed bodies become problem+json, never a crash.
/// </summary>
public static class RequestBodies
{
    /// <summary>A JSON body of type <typeparamref name="T"/>; 415 for another content type, 400 when it does not parse.</summary>
    public static async Task<T> JsonAsync<T>(HttpRequest request)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            throw new FaceAccordException(ErrorKind.BadInput, "unsupported-media-type", "This endpoint takes a JSON body ('Content-Type: application/json').");
        }

        T? value;
        try
        {
            value = await request.ReadFromJsonAsync<T>(ServiceJson.Options, request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw FaceAccordException.BadInput("malformed-json", $"The JSON body could not be read: {e.Message}", e);
        }

        return value ?? throw FaceAccordException.BadInput("malformed-json", "The JSON body is null; an object was expected.");
    }

    /// <summary>The image in multipart field <paramref name="field"/>, or the whole body when it is <c>image/*</c> and raw bodies are allowed.</summary>
    public static async Task<(byte[] Bytes, string? ContentType)> ImageAsync(HttpRequest request, string field, bool allowRaw = true)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.HasFormContentType)
        {
            var form = await ReadFormAsync(request).ConfigureAwait(false);
            return await FieldAsync(form, field).ConfigureAwait(false);
        }

        if (allowRaw && request.ContentType is { } type && type.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false);
            return (buffer.ToArray(), type);
        }

        throw new FaceAccordException(ErrorKind.BadInput, "unsupported-media-type", allowRaw
            ? $"Send the image as multipart/form-data field '{field}' or as a raw image/* body."
            : "Send the images as multipart/form-data fields.");
    }

    /// <summary>Several images, each in its own multipart field.</summary>
    public static async Task<IReadOnlyList<byte[]>> ImagesAsync(HttpRequest request, params string[] fields)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(fields);
        if (!request.HasFormContentType)
        {
            throw new FaceAccordException(ErrorKind.BadInput, "unsupported-media-type", $"Send the images as multipart/form-data fields {string.Join(", ", fields)}.");
        }

        var form = await ReadFormAsync(request).ConfigureAwait(false);
        var images = new List<byte[]>(fields.Length);
        foreach (string f in fields)
        {
            images.Add((await FieldAsync(form, f).ConfigureAwait(false)).Bytes);
        }

        return images;
    }

    /// <summary>
    /// The form, or <c>malformed-multipart</c>: the form reader throws InvalidDataException for a broken body and
    /// IOException for one cut short, and the latter reached the caller as a 500 (found by fuzzing).
    /// </summary>
    private static async Task<IFormCollection> ReadFormAsync(HttpRequest request)
    {
        try
        {
            return await request.ReadFormAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when ((e is InvalidDataException or IOException) && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            throw FaceAccordException.BadInput("malformed-multipart", $"The multipart body could not be read: {e.Message}", e);
        }
    }

    private static async Task<(byte[] Bytes, string? ContentType)> FieldAsync(IFormCollection form, string field)
    {
        var file = form.Files.GetFile(field)
            ?? throw FaceAccordException.BadInput("image-missing", $"The multipart body has no file field '{field}'.");
        using var buffer = new MemoryStream((int)Math.Min(file.Length, int.MaxValue));
        await using (var stream = file.OpenReadStream())
        {
            await stream.CopyToAsync(buffer).ConfigureAwait(false);
        }

        return (buffer.ToArray(), file.ContentType);
    }
}
