using FaceAccord.Server.Http;
using FaceAccord.Core;
using FaceAccord.Service;
using FaceAccord.Service.Enrolment;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FaceAccord.Server.Endpoints;

/// <summary>Subjects of a gallery and their enrolled faces.</summary>
public static class SubjectEndpoints
{
    /// <summary>Body of <c>POST /v1/galleries/{id}/subjects</c>.</summary>
    public sealed record CreateSubject(string? ExternalId, LegalBasis? LegalBasis);

    public static RouteGroupBuilder MapSubjects(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var subjects = v1.MapGroup("/galleries/{galleryId}/subjects");
        subjects.MapPost("/", async (string galleryId, HttpContext http, EnrolmentService service) =>
        {
            var id = RouteIds.Parse(galleryId, "gallery");
            var body = await RequestBodies.JsonAsync<CreateSubject>(http.Request).ConfigureAwait(false);
            var s = service.CreateSubject(Caller.Required(http), id, body.ExternalId ?? "", body.LegalBasis);
            return TypedResults.Created($"/v1/galleries/{id}/subjects/{s.Id}", new GalleryEndpoints.Created(s.Id));
        })
        .WithName("create-subject").WithSummary("Adds a subject ({\"externalId\", \"legalBasis\":{\"type\",\"reference\"}?}).")
        .Produces<GalleryEndpoints.Created>(StatusCodes.Status201Created);

        subjects.MapGet("/{subjectId}", (string galleryId, string subjectId, HttpContext http, EnrolmentService service) =>
            TypedResults.Ok(service.GetSubject(Caller.Required(http), RouteIds.Parse(galleryId, "gallery"), RouteIds.Parse(subjectId, "subject"))))
            .WithName("get-subject").WithSummary("A subject and the ids of its faces.");

        subjects.MapDelete("/{subjectId}", (string galleryId, string subjectId, HttpContext http, EnrolmentService service) =>
        {
            service.DeleteSubject(Caller.Required(http), RouteIds.Parse(galleryId, "gallery"), RouteIds.Parse(subjectId, "subject"));
            return TypedResults.NoContent();
        })
        .WithName("delete-subject").WithSummary("Deletes the subject with its templates and images; searches forget it at once.");

        subjects.MapPost("/{subjectId}/faces", async (string galleryId, string subjectId, HttpContext http, EnrolmentService service) =>
        {
            var g = RouteIds.Parse(galleryId, "gallery");
            var s = RouteIds.Parse(subjectId, "subject");
            var (bytes, type) = await RequestBodies.ImageAsync(http.Request, "image").ConfigureAwait(false);
            var face = service.EnrollFace(Caller.Required(http), g, s, bytes, type);
            return TypedResults.Created($"/v1/galleries/{g}/subjects/{s}/faces/{face.FaceId}", face);
        })
        .WithName("enroll-face")
        .WithSummary("Enrols the subject's face from an image; a face failing the enrolment quality rule is refused (422, failedChecks).")
        .Produces<EnrolledFace>(StatusCodes.Status201Created)
        .DisableAntiforgery();

        subjects.MapDelete("/{subjectId}/faces/{faceId}", (string galleryId, string subjectId, string faceId, HttpContext http, EnrolmentService service) =>
        {
            service.DeleteFace(Caller.Required(http), RouteIds.Parse(galleryId, "gallery"), RouteIds.Parse(subjectId, "subject"), RouteIds.Parse(faceId, "face"));
            return TypedResults.NoContent();
        })
        .WithName("delete-face").WithSummary("Deletes one face (template and image).");
        return v1;
    }
}
