using System.Text;
using FaceAccord.Governance.Policies;

namespace FaceAccord.Fuzz.Targets;

/// <summary>
/// Policy pack YAML (<see cref="PolicyPack.Parse"/>); a pack that loads is then evaluated beside the built-in packs
/// on a few requests, since a pack the reader accepts must never make a decision throw.
/// </summary>
public sealed class PolicyPackTarget : FuzzTarget
{
    private static readonly PolicyRequest[] Requests =
    [
        PolicyRequestTarget.Sample("commercial", "US", "US-WA", "identify", "access-control", "none", null),
        PolicyRequestTarget.Sample("law-enforcement", "DE", null, "identify", "investigative-lead", "warrant", "W-1"),
        PolicyRequestTarget.Sample("public-agency", "US", "US-IL", "enroll", "access-control", "consent", "C-1"),
    ];

    public override string Name => "policy-pack";

    protected override void Parse(ReadOnlySpan<byte> input)
    {
        var pack = PolicyPack.Parse(Encoding.UTF8.GetString(input), "fuzz.yaml");
        var engine = PolicyEngine.Load([.. BuiltInPolicyPacks.All, pack]);
        foreach (var request in Requests)
        {
            engine.Evaluate(request, [pack.Id]);
        }
    }
}
