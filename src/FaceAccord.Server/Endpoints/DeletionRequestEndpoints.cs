using FaceAccord.Server.Http;
using FaceAccord.Service.Consents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FaceAccord.Server.Endpoints;

/// <summary>A person's request to erase their face data, carried out at once and answered with a receipt.</summary>
public static class DeletionRequestEndpoints
{
    public static RouteGroupBuilder MapDeletionRequests(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        v1.MapPost("/deletion-requests", async (HttpContext http, ErasureService erasure) =>
        {
            var body = await RequestBodies.JsonAsync<DeletionRequest>(http.Request).ConfigureAwait(false);
            return TypedResults.Ok(erasure.Erase(Caller.Required(http), body));
        })
        .WithName("request-deletion")
        .WithSummary("Deletes one person's subjects (templates, images, index entries) in all galleries or one ({\"subjectExternalId\",\"galleryId\"?}), withdraws their consents, and returns a receipt; an unknown person gets a receipt with nothing deleted.")
        .Produces<DeletionReceipt>();
        return v1;
    }
}
