namespace FaceAccord.Service.Reviews;

/// <summary>Body of <c>POST /v1/reviews/{id}/decisions</c>: <c>confirm</c> or <c>reject</c>, with an optional note for the record.</summary>
public sealed record ReviewDecisionRequest(string? Decision, string? Note);
