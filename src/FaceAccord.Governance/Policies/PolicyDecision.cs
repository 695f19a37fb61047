using System.Text.Json.Serialization;

namespace FaceAccord.Governance.Policies;

/// <summary>
/// The engine's answer, explained: <c>deny</c> with every rule that denied, or <c>allow</c> with the merged
/// conditions and the rules that attached them.
/// </summary>
public sealed record PolicyDecision(string Decision, IReadOnlyList<PolicyRuleHit> Rules, IReadOnlyList<PolicyCondition> Conditions)
{
    public const string Allow = "allow";
    public const string Deny = "deny";

    [JsonIgnore]
    public bool Allowed => Decision == Allow;
}
