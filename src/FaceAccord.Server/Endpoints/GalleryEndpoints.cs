using FaceAccord.Server.Http;
using FaceAccord.Service;
using FaceAccord.Service.Galleries;
using FaceAccord.Service.Identification;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FaceAccord.Server.Endpoints;

/// <summary>Galleries of the calling tenant: create, read, list, delete, and open-set identification in one.</summary>
public static class GalleryEndpoints
{
    /// <summary>Body of <c>POST /v1/galleries</c>.</summary>
    public sealed record CreateGallery(string? Name, bool? StoreImages, int? RetentionDays = null);

    /// <summary>Answer of a create: the new resource's id.</summary>
    public sealed record Created(Guid Id);

    public static RouteGroupBuilder MapGalleries(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var galleries = v1.MapGroup("/galleries");
        galleries.MapPost("/", async (HttpContext http, GalleryService service) =>
        {
            var body = await RequestBodies.JsonAsync<CreateGallery>(http.Request).ConfigureAwait(false);
            var g = service.Create(Caller.Required(http), body.Name ?? "", body.StoreImages, body.RetentionDays);
            return TypedResults.Created($"/v1/galleries/{g.Id}", new Created(g.Id));
        })
        .WithName("create-gallery").WithSummary("Creates a gallery ({\"name\", \"storeImages\"?, \"retentionDays\"?}); images are kept only when storeImages is true; retentionDays (1-36500) deletes each subject that many days after their last interaction.")
        .Produces<Created>(StatusCodes.Status201Created);

        galleries.MapGet("/", (HttpContext http, GalleryService service) => TypedResults.Ok(service.List(Caller.Required(http))))
            .WithName("list-galleries").WithSummary("The tenant's galleries.");

        galleries.MapGet("/{galleryId}", (string galleryId, HttpContext http, GalleryService service) =>
            TypedResults.Ok(service.Get(Caller.Required(http), RouteIds.Parse(galleryId, "gallery"))))
            .WithName("get-gallery").WithSummary("A gallery with its subject and face counts.");

        galleries.MapDelete("/{galleryId}", (string galleryId, HttpContext http, GalleryService service) =>
        {
            service.Delete(Caller.Required(http), RouteIds.Parse(galleryId, "gallery"));
            return TypedResults.NoContent();
        })
        .WithName("delete-gallery").WithSummary("Deletes the gallery with every subject, template and image in it.");

        galleries.MapPost("/{galleryId}/identify", async Task<IResult> (string galleryId, HttpContext http, IdentificationService identification) =>
        {
            var id = RouteIds.Parse(galleryId, "gallery");
            var (bytes, _) = await RequestBodies.ImageAsync(http.Request, "image").ConfigureAwait(false);
            var request = http.Request;
            var result = identification.Identify(Caller.Required(http), id, bytes, QueryValues.Int(request, "top") ?? 5, QueryValues.Double(request, "fpir"));

            // A result held for human review is accepted, not answered: its candidates wait at the review case.
            return result.ReviewCaseId is { } reviewCase
                ? TypedResults.Accepted($"/v1/reviews/{reviewCase}", result)
                : TypedResults.Ok(result);
        })
        .WithName("identify")
        .WithSummary("Open-set 1:N search (?top=5&fpir=): only subjects above the threshold that keeps the false-positive identification rate for this gallery's size; fpir=1 ranks without a threshold. 202 with a review case and no candidates when the result needs human review.")
        .Produces<IdentifyResult>()
        .Produces<IdentifyResult>(StatusCodes.Status202Accepted)
        .DisableAntiforgery();
        return v1;
    }
}
