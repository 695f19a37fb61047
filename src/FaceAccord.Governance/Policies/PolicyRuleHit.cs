namespace FaceAccord.Governance.Policies;

/// <summary>A rule that shaped a decision, with what it encodes and why, so that every deny and condition can be traced to its text.</summary>
public sealed record PolicyRuleHit(string Id, string Pack, string Citation, string Effect, string Explanation);
