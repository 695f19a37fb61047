using FaceAccord.Governance.Policies;

namespace FaceAccord.Governance.Tests.Policies;

/// <summary>
/// One row of the pack table: a request, the text it exercises, and the exact outcome — the decision, the rules
/// that shaped it (denying rules for a deny, condition rules for an allow) and the merged conditions.
/// </summary>
internal sealed record PolicyScenario(
    string Name,
    string Cites,
    PolicyRequest Request,
    string Decision,
    string[] Rules,
    PolicyCondition[] Conditions)
{
    public static PolicyScenario Deny(string name, string cites, PolicyRequest request, params string[] rules) =>
        new(name, cites, request, PolicyDecision.Deny, rules, []);

    public static PolicyScenario Allow(string name, string cites, PolicyRequest request, string[] rules, params PolicyCondition[] conditions) =>
        new(name, cites, request, PolicyDecision.Allow, rules, conditions);

    public static PolicyScenario AllowPlain(string name, string cites, PolicyRequest request) =>
        new(name, cites, request, PolicyDecision.Allow, [], []);
}
