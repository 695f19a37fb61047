using FaceAccord.Server.Http;
using FaceAccord.Service;
using FaceAccord.Service.Faces;
using FaceAccord.Service.Identification;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FaceAccord.Server.Endpoints;

/// <summary><c>POST /v1/detect</c> and <c>POST /v1/verify</c>: the pipeline without a gallery.</summary>
public static class FaceEndpoints
{
    public static RouteGroupBuilder MapFaces(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        v1.MapPost("/detect", async (HttpContext http, IdentificationService identification) =>
        {
            var (bytes, _) = await RequestBodies.ImageAsync(http.Request, "image").ConfigureAwait(false);
            return TypedResults.Ok(identification.Detect(Caller.Required(http), bytes, "image"));
        })
        .WithName("detect")
        .WithSummary("Faces in an image (field 'image' or a raw image/* body), with landmarks and quality.")
        .Produces<FaceJson.ImageFaces>()
        .DisableAntiforgery();

        v1.MapPost("/verify", async Task<IResult> (HttpContext http, IdentificationService identification) =>
        {
            var images = await RequestBodies.ImagesAsync(http.Request, "imageA", "imageB").ConfigureAwait(false);
            var result = identification.Verify(Caller.Required(http), images[0], images[1], QueryValues.Double(http.Request, "fmr"));

            // A decision held for human review is accepted, not answered: it waits at the review case.
            return result.ReviewCaseId is { } reviewCase
                ? TypedResults.Accepted($"/v1/reviews/{reviewCase}", result)
                : TypedResults.Ok(result);
        })
        .WithName("verify")
        .WithSummary("Whether the most prominent faces of imageA and imageB are the same person, at the worst-group threshold for ?fmr= (default 1e-4). 202 with a review case and no score when the decision needs human review.")
        .Produces<VerifyResult>()
        .Produces<VerifyResult>(StatusCodes.Status202Accepted)
        .DisableAntiforgery();
        return v1;
    }
}
