using System.Text;
using FaceAccord.Governance.Policies;

namespace FaceAccord.Fuzz.Targets;

/// <summary>
/// Policy requests as JSON (<see cref="PolicyRequestParser.Parse"/>, what <c>faceaccord policy check</c> reads); a
/// request that parses is then decided by the built-in packs, which must never throw on a valid request.
/// </summary>
public sealed class PolicyRequestTarget : FuzzTarget
{
    private static readonly PolicyEngine Engine = PolicyEngine.BuiltIn();

    public override string Name => "policy-request";

    /// <summary>A well-formed request, for targets that need one.</summary>
    public static PolicyRequest Sample(string sector, string country, string? region, string operation, string purpose, string basis, string? reference) =>
        PolicyRequestParser.Validate(new PolicyRequest
        {
            Tenant = new PolicyTenant(sector, country, region, null, false),
            Operation = operation,
            Purpose = purpose,
            Mode = PolicyVocabulary.DefaultMode,
            Setting = PolicyVocabulary.DefaultSetting,
            Consequential = false,
            LegalBasis = new PolicyLegalBasis(basis, reference),
        });

    protected override void Parse(ReadOnlySpan<byte> input)
    {
        var request = PolicyRequestParser.Parse(Encoding.UTF8.GetString(input));
        Engine.Evaluate(request);
    }
}
