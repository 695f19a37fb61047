namespace FaceAccord.Service.Reviews;

/// <summary>
/// Body of <c>POST /v1/reviews/{id}/decisions</c>: <c>confirm</c> or <c>reject</c>, with an optional note for the record.
/// A confirm of an identification may name the candidate subject ids it confirms (absent: every held candidate).
/// </summary>
public sealed record ReviewDecisionRequest(string? Decision, string? Note, IReadOnlyList<string>? Candidates = null);
