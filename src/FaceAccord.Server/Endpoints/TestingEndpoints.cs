using FaceAccord.Core;
using FaceAccord.Server.Http;
using FaceAccord.Service.Identification;
using FaceAccord.Service.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace FaceAccord.Server.Endpoints;

/// <summary><c>POST /v1/testing/comparisons</c>: raw scores for independent testers, never storing their images.</summary>
public static class TestingEndpoints
{
    public static RouteGroupBuilder MapTesting(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        v1.MapPost("/testing/comparisons", async (HttpContext http, IdentificationService identification) =>
        {
            // Checked before the body is read: a refused tenant never uploads its batch.
            var caller = Caller.Required(http);
            identification.RequireTestingTenant(caller);
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = IndependentTesting.MaxBatchBytes;
            }

            if (!http.Request.HasFormContentType)
            {
                throw new FaceAccordException(ErrorKind.BadInput, "unsupported-media-type", "Send the pairs as multipart/form-data fields a0,b0,a1,b1,….");
            }

            var form = await http.Request.ReadFormAsync(new FormOptions
            {
                MultipartBodyLengthLimit = IndependentTesting.MaxBatchBytes,
                ValueCountLimit = (2 * IndependentTesting.MaxPairs) + 16,
            }, http.RequestAborted).ConfigureAwait(false);
            var pairs = new List<(byte[] A, byte[] B)>();
            for (int i = 0; ; i++)
            {
                var a = form.Files.GetFile($"a{i}");
                var b = form.Files.GetFile($"b{i}");
                if (a is null && b is null)
                {
                    break;
                }

                if (a is null || b is null || i >= IndependentTesting.MaxPairs)
                {
                    throw FaceAccordException.BadInput("pairs-invalid", i >= IndependentTesting.MaxPairs
                        ? $"A batch holds at most {IndependentTesting.MaxPairs} pairs."
                        : $"Pair {i} needs both fields a{i} and b{i}.");
                }

                pairs.Add((await ReadAsync(a).ConfigureAwait(false), await ReadAsync(b).ConfigureAwait(false)));
            }

            return TypedResults.Ok(identification.CompareForTesting(caller, pairs));
        })
        .WithName("testing-comparisons")
        .WithSummary("For tenants of sector 'testing': up to 1,000 image pairs (fields a0,b0,…; 256 MiB) → each pair's raw similarity and the thresholds in force. Images are never stored.")
        .Produces<IndependentTesting.Batch>()
        .DisableAntiforgery();
        return v1;
    }

    private static async Task<byte[]> ReadAsync(IFormFile file)
    {
        using var buffer = new MemoryStream();
        await using var stream = file.OpenReadStream();
        await stream.CopyToAsync(buffer).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
