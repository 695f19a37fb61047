namespace FaceAccord.Governance.Policies;

/// <summary>The words packs and decisions use for <see cref="PolicyEffect"/>, kept stable for callers that read JSON.</summary>
public static class PolicyEffects
{
    public const string Deny = "deny";
    public const string AllowWithConditions = "allow-with-conditions";

    public static string Name(PolicyEffect effect) => effect == PolicyEffect.Deny ? Deny : AllowWithConditions;

    internal static PolicyEffect? Parse(string value) => value switch
    {
        Deny => PolicyEffect.Deny,
        AllowWithConditions => PolicyEffect.AllowWithConditions,
        _ => null,
    };
}
