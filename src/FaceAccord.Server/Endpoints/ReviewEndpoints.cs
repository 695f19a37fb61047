using FaceAccord.Server.Http;
using FaceAccord.Service.Reviews;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FaceAccord.Server.Endpoints;

/// <summary>
/// The review queue over HTTP: a held identification or verification is read at <c>GET /v1/reviews/{id}</c> (by operators
/// only once released; by reviewer keys while pending, to judge it) and decided at <c>POST /v1/reviews/{id}/decisions</c>
/// by reviewer keys of the same tenant, one key per reviewer.
/// </summary>
public static class ReviewEndpoints
{
    public static RouteGroupBuilder MapReviews(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var reviews = v1.MapGroup("/reviews");
        reviews.MapGet("/{reviewId}", (string reviewId, HttpContext http, ReviewService reviews) =>
            TypedResults.Ok(reviews.Get(Caller.Required(http), RouteIds.Parse(reviewId, "review"))))
            .WithName("get-review")
            .WithSummary("A review case of the tenant: status, required reviewers, decisions; the result once released, and to a reviewer key the held result while pending.")
            .Produces<ReviewCaseView>();

        reviews.MapPost("/{reviewId}/decisions", async (string reviewId, HttpContext http, ReviewService reviews) =>
        {
            var id = RouteIds.Parse(reviewId, "review");
            var body = await RequestBodies.JsonAsync<ReviewDecisionRequest>(http.Request).ConfigureAwait(false);
            return TypedResults.Ok(reviews.Decide(Caller.Required(http), id, body));
        })
        .WithName("decide-review")
        .WithSummary("Confirms or rejects a held identification or verification ({\"decision\":\"confirm\"|\"reject\",\"note\"?,\"candidates\"?:[subjectId]}); "
            + "a confirm may name the held candidates it confirms (absent: all; the release holds those every confirming reviewer named). Reviewer keys only "
            + "(403 reviewer-role-required otherwise), each key decides once.")
        .Produces<ReviewCaseView>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status409Conflict);
        return v1;
    }
}
