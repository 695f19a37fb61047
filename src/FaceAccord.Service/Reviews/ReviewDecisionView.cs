namespace FaceAccord.Service.Reviews;

/// <summary>One reviewer's decision on a case, named by the reviewer's key id so distinct people can be told apart.</summary>
public sealed record ReviewDecisionView(string ReviewerKeyId, string Decision, string? Note, DateTimeOffset At);
