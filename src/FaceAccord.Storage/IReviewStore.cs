using System.Text.Json;
using FaceAccord.Core;

namespace FaceAccord.Storage;

/// <summary>
/// The storage half of the review queue. Recording a decision checks the case and the reviewer and settles the
/// case's state in one transaction, so two reviewers deciding at once can never release a case twice or count
/// one key twice.
/// </summary>
public interface IReviewStore
{
    /// <summary>Stores a new pending case; <c>gallery-not-found</c> when the gallery is not the tenant's.</summary>
    ReviewCase CreateReviewCase(NewReviewCase reviewCase);

    /// <summary>The case with its decisions, or null when it does not exist or belongs to another tenant.</summary>
    ReviewCase? FindReviewCase(Guid tenantId, Guid caseId);

    /// <summary>The tenant's cases in <paramref name="state"/>, oldest first, with their decisions (the review queue).</summary>
    IReadOnlyList<ReviewCase> ListReviewCases(Guid tenantId, string state);

    /// <summary>
    /// Adds one reviewer's decision and settles the case (<see cref="ReviewCase.Settled"/>): any reject closes it as
    /// rejected, and the required number of distinct confirming keys releases it with the candidates every one of them
    /// confirmed, or rejects it when they confirmed none in common. Throws <c>decision-candidates-invalid</c> for a
    /// candidate list on a reject or an empty one, and FaceAccordException <c>review-not-found</c> (another tenant's or
    /// unknown), <c>reviewer-is-requester</c> (Denied), <c>reviewer-already-decided</c> or <c>review-closed</c>.
    /// </summary>
    ReviewCase RecordReviewDecision(Guid tenantId, Guid caseId, ReviewDecisionRecord decision);
}

/// <summary>Where a case stands; only <see cref="Released"/> lets its result be read.</summary>
public static class ReviewStates
{
    public const string Pending = "pending";
    public const string Released = "released";
    public const string Rejected = "rejected";
}

/// <summary>What a case holds: an identification's candidates (searched in a gallery) or a verification's 1:1 decision.</summary>
public static class ReviewKinds
{
    public const string Identify = "identify";
    public const string Verify = "verify";
}

/// <summary>
/// One reviewer's word on a case: <c>confirm</c> or <c>reject</c>, by the reviewer's own API key. A confirm of an
/// identification may name the candidate subjects it confirms; null confirms every candidate the case holds.
/// </summary>
public sealed record ReviewDecisionRecord(string ReviewerKeyId, string Decision, string? Note, DateTimeOffset At, IReadOnlyList<Guid>? Candidates = null)
{
    public const string Confirm = "confirm";
    public const string Reject = "reject";

    /// <summary>The checks both stores make before recording: a known decision, and a candidate list only on a confirm, never empty.</summary>
    public static void Check(ReviewDecisionRecord decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Decision is not (Confirm or Reject))
        {
            throw FaceAccordException.BadInput("decision-invalid", $"A decision is '{Confirm}' or '{Reject}', not '{decision.Decision}'.");
        }

        if (decision.Candidates is { } candidates && (decision.Decision != Confirm || candidates.Count == 0))
        {
            throw FaceAccordException.BadInput("decision-candidates-invalid",
                "Only a confirm names candidates, and at least one; to confirm none, reject the case.");
        }
    }

    /// <summary>The candidate list as a store's <c>confirmed_candidates</c> column keeps it: a JSON array of ids, or null for all.</summary>
    public static string? StoredCandidates(IReadOnlyList<Guid>? candidates) =>
        candidates is null ? null : JsonSerializer.Serialize(candidates.Distinct().Select(id => id.ToString("D")));

    /// <summary>The candidate list read back from <see cref="StoredCandidates"/>.</summary>
    public static IReadOnlyList<Guid>? ReadCandidates(string? stored) =>
        stored is null ? null : [.. (JsonSerializer.Deserialize<string[]>(stored) ?? []).Select(Guid.Parse)];
}

/// <summary>
/// A held result as the service hands it to the store: who asked and on what declaration, how many reviewers
/// must confirm, and the result itself as JSON the store keeps without reading. An identification names the
/// gallery it searched; a verification has none.
/// </summary>
public sealed record NewReviewCase(
    Guid TenantId,
    Guid? GalleryId,
    string RequesterKeyId,
    string Purpose,
    string Mode,
    LegalBasis? LegalBasis,
    int RequiredReviewers,
    string ResultJson,
    string Kind = ReviewKinds.Identify);

/// <summary>A case as stored, with every decision so far in the order they were made.</summary>
public sealed record ReviewCase(
    Guid Id,
    Guid TenantId,
    Guid? GalleryId,
    string RequesterKeyId,
    string Purpose,
    string Mode,
    LegalBasis? LegalBasis,
    int RequiredReviewers,
    string State,
    string ResultJson,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<ReviewDecisionRecord> Decisions,
    string Kind = ReviewKinds.Identify)
{
    /// <summary>Distinct keys that confirmed (the store allows one decision per key, so this is a plain count).</summary>
    public int Confirmations => Decisions.Count(d => d.Decision == ReviewDecisionRecord.Confirm);

    /// <summary>
    /// The candidates every confirming reviewer confirmed (the intersection of their lists); null when none named a
    /// list, which confirms every held candidate.
    /// </summary>
    public IReadOnlySet<Guid>? ConfirmedCandidates
    {
        get
        {
            HashSet<Guid>? common = null;
            foreach (var d in Decisions.Where(d => d.Decision == ReviewDecisionRecord.Confirm && d.Candidates is not null))
            {
                if (common is null)
                {
                    common = [.. d.Candidates!];
                }
                else
                {
                    common.IntersectWith(d.Candidates!);
                }
            }

            return common;
        }
    }

    /// <summary>
    /// The state this case's decisions settle it in: any reject closes it as rejected; the required number of
    /// confirmations releases it, unless their candidate lists have nothing in common, which rejects it.
    /// </summary>
    public string Settled() =>
        Decisions.Any(d => d.Decision == ReviewDecisionRecord.Reject) ? ReviewStates.Rejected
        : Confirmations < RequiredReviewers ? ReviewStates.Pending
        : ConfirmedCandidates is { Count: 0 } ? ReviewStates.Rejected
        : ReviewStates.Released;

    internal static FaceAccordException NotFound(Guid caseId) =>
        FaceAccordException.NotFound("review-not-found", $"There is no review case {caseId}.");
}
