using FaceAccord.Server.Http;
using FaceAccord.Service.Consents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FaceAccord.Server.Endpoints;

/// <summary>
/// Consent records over HTTP: recorded before an enrolment on the legal basis consent can name them, read back per
/// id or per person, and withdrawn (which deletes every subject enrolled under the consent at once).
/// </summary>
public static class ConsentEndpoints
{
    public static RouteGroupBuilder MapConsents(this RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var consents = v1.MapGroup("/consents");
        consents.MapPost("/", async (HttpContext http, ConsentService consents) =>
        {
            var body = await RequestBodies.JsonAsync<RecordConsentRequest>(http.Request).ConfigureAwait(false);
            var consent = consents.Record(Caller.Required(http), body);
            return TypedResults.Created($"/v1/consents/{consent.Id}", consent);
        })
        .WithName("record-consent")
        .WithSummary("Records a person's consent ({\"subjectExternalId\",\"purposes\":[...],\"noticeVersion\",\"noticeText\"|\"noticeSha256\",\"signatureMethod\":\"written\"|\"electronic-signature\",\"evidenceReference\",\"grantedAt\"?,\"expiresAt\"?}); enrolments name it by id as legal basis consent.")
        .Produces<ConsentView>(StatusCodes.Status201Created);

        consents.MapGet("/{consentId}", (string consentId, HttpContext http, ConsentService consents) =>
            TypedResults.Ok(consents.Get(Caller.Required(http), RouteIds.Parse(consentId, "consent"))))
            .WithName("get-consent")
            .WithSummary("A consent record of the tenant with its status (active, expired, withdrawn).")
            .Produces<ConsentView>();

        consents.MapGet("/", (HttpContext http, ConsentService consents) =>
            TypedResults.Ok(consents.ListBySubject(Caller.Required(http), http.Request.Query["subjectExternalId"])))
            .WithName("list-consents")
            .WithSummary("Every consent one person gave the tenant (?subjectExternalId=, required), withdrawn ones included.")
            .Produces<IReadOnlyList<ConsentView>>();

        consents.MapPost("/{consentId}/withdrawal", async Task<IResult> (string consentId, HttpContext http, ConsentService consents) =>
        {
            var id = RouteIds.Parse(consentId, "consent");

            // The body is optional: a bare POST withdraws without a reason.
            string? reason = http.Request.ContentLength is 0 || (http.Request.ContentType is null && http.Request.ContentLength is null)
                ? null
                : (await RequestBodies.JsonAsync<WithdrawConsentRequest>(http.Request).ConfigureAwait(false)).Reason;
            return TypedResults.Ok(consents.Withdraw(Caller.Required(http), id, reason));
        })
        .WithName("withdraw-consent")
        .WithSummary("Withdraws the consent now ({\"reason\"}? optional) and deletes every subject enrolled under it (templates, images, index); the audit log keeps a tombstone of ids.")
        .Produces<ConsentWithdrawal>()
        .ProducesProblem(StatusCodes.Status409Conflict);
        return v1;
    }
}
