namespace FaceAccord.Governance.Policies;

/// <summary>What a matching rule does to the decision: refuse it, or allow it with obligations attached.</summary>
public enum PolicyEffect
{
    Deny,
    AllowWithConditions,
}
