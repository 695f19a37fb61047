using FaceAccord.Service.Galleries;
using FaceAccord.Service.Recognition;
using FaceAccord.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FaceAccord.Server.Endpoints;

/// <summary><c>/healthz</c> (the process answers) and <c>/readyz</c> (models, store and indexes are usable).</summary>
public static class HealthEndpoints
{
    public sealed record Health(string Status);

    public sealed record Readiness(string Status, string Model, int GalleriesLoaded);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new Health("ok"))).WithName("healthz").ExcludeFromDescription();
        app.MapGet("/readyz", IResult (ITenantStore tenants, RecognitionEngine recognition, GalleryIndexes indexes) =>
        {
            try
            {
                _ = tenants.ListTenants();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return TypedResults.Json(new Readiness("store-unavailable", recognition.ModelId, indexes.Loaded), statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            return TypedResults.Ok(new Readiness("ready", recognition.ModelId, indexes.Loaded));
        }).WithName("readyz").ExcludeFromDescription();
        return app;
    }
}
