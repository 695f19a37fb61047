namespace FaceAccord.Service.Reviews;

/// <summary>
/// One reviewer's decision on a case, named by the reviewer's key id so distinct people can be told apart; a confirm
/// that named candidates lists them (null: it confirmed every held candidate).
/// </summary>
public sealed record ReviewDecisionView(string ReviewerKeyId, string Decision, string? Note, DateTimeOffset At, IReadOnlyList<Guid>? Candidates = null);
