using System.Text.Json;
using System.Text.Json.Serialization;
using FaceAccord.Core;
using FaceAccord.Governance.Policies;
using static FaceAccord.Governance.Tests.Policies.Requests;

namespace FaceAccord.Governance.Tests.Policies;

public sealed class PolicyEngineTests
{
    // The options the CLI prints with: camelCase names, nothing left out by default.
    private static readonly JsonSerializerOptions CliJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private static readonly PolicyEngine Engine = PolicyEngine.BuiltIn();

    [Fact]
    public void A_deny_lists_every_denying_rule_with_pack_citation_and_effect_and_no_conditions()
    {
        // Seattle police identifying in real time in public: the moratorium and Washington's law both deny.
        var request = Make(SeattlePolice, "identify", "investigative-lead", mode: "real-time", setting: "publicly-accessible-space");

        var decision = Engine.Evaluate(request);
        var attributes = Engine.Evaluate(Make(BerlinPolice, "infer-attributes", "workplace-monitoring", mode: "real-time", setting: "publicly-accessible-space"));

        Assert.Equal(PolicyDecision.Deny, decision.Decision);
        Assert.Equal(["us-wa-sb6280-surveillance", "vendor-no-us-law-enforcement"], decision.Rules.Select(r => r.Id));
        Assert.Empty(decision.Conditions);
        var surveillance = decision.Rules.Single(r => r.Id == "us-wa-sb6280-surveillance");
        Assert.Equal("us-wa-sb6280", surveillance.Pack);
        Assert.Contains("RCW 43.386.080(1)", surveillance.Citation, StringComparison.Ordinal);
        Assert.Equal("deny", surveillance.Effect);
        Assert.Contains("warrant", surveillance.Explanation, StringComparison.Ordinal);
        Assert.Equal(
            ["eu-ai-act-art5-1f-emotion-work-education", "eu-ai-act-art5-1g-biometric-categorisation", "vendor-no-attribute-inference"],
            attributes.Rules.Select(r => r.Id));
    }

    [Fact]
    public void Decisions_serialise_in_the_documented_shape()
    {
        var allow = Engine.Evaluate(Make(BerlinPolice, "identify", "investigative-lead"));
        var deny = Engine.Evaluate(Make(NewYorkPolice, "verify", "identity-verification"));

        using var a = JsonDocument.Parse(JsonSerializer.Serialize(allow, CliJson));
        using var d = JsonDocument.Parse(JsonSerializer.Serialize(deny, CliJson));

        Assert.Equal("allow", a.RootElement.GetProperty("decision").GetString());
        Assert.Equal(["decision", "rules", "conditions"], a.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            """[{"type":"human-review","reviewers":2},{"type":"log-retention","minDays":183},{"type":"legal-basis-required","anyOf":["judicial-authorisation"],"withinHours":48}]""",
            a.RootElement.GetProperty("conditions").GetRawText());
        var rule = d.RootElement.GetProperty("rules")[0];
        Assert.Equal(["id", "pack", "citation", "effect", "explanation"], rule.EnumerateObject().Select(p => p.Name));
        Assert.Equal("vendor-no-us-law-enforcement", rule.GetProperty("id").GetString());
        Assert.Equal("vendor", rule.GetProperty("pack").GetString());
        Assert.Equal("[]", d.RootElement.GetProperty("conditions").GetRawText());
    }

    [Fact]
    public void A_legal_basis_demand_without_deadline_omits_within_hours_and_round_trips()
    {
        PolicyCondition[] conditions = [new LegalBasisRequiredCondition(["warrant", "court-order"]), new RetentionCondition(30)];

        string json = JsonSerializer.Serialize(conditions, CliJson);
        var back = JsonSerializer.Deserialize<PolicyCondition[]>(json, CliJson);

        Assert.Equal("""[{"type":"legal-basis-required","anyOf":["warrant","court-order"]},{"type":"retention","maxDays":30}]""", json);
        Assert.Equal(conditions, back);
    }

    [Fact]
    public void Conditions_of_several_packs_merge_into_the_strictest()
    {
        var strict = PolicyPack.Parse(
            """
            id: strict
            title: Strict house rules
            citations: [House rules]
            rules:
              - id: strict-review
                citation: House rules 1
                explanation: Three people look at every identification.
                when: { field: operation, equals: identify }
                effect: allow-with-conditions
                conditions:
                  - { type: human-review, reviewers: 3 }
                  - { type: retention, maxDays: 30 }
                  - { type: log-retention, minDays: 3650 }
                  - { type: accountability-report }
                  - { type: legal-basis-required, anyOf: [consent, warrant] }
                  - { type: legal-basis-required, anyOf: [consent, warrant, court-order], withinHours: 24 }
            """, "strict.yaml");
        var engine = PolicyEngine.Load([.. BuiltInPolicyPacks.All, strict]);

        var decision = engine.Evaluate(Make(SeattleAgency, "identify", "access-control", consequential: true));
        var eu = engine.Evaluate(Make(ParisShop, "identify", "access-control"));

        Assert.Equal(
            new PolicyCondition[]
            {
                new HumanReviewCondition(3), new RetentionCondition(30), new LogRetentionCondition(3650), new AccountabilityReportCondition(),
                new LegalBasisRequiredCondition(["consent", "warrant"]),
            },
            decision.Conditions);
        Assert.Equal(["strict-review", "us-wa-sb6280-accountability-report", "us-wa-sb6280-human-review"], decision.Rules.Select(r => r.Id));
        Assert.Equal(new HumanReviewCondition(3), eu.Conditions[0]);
        Assert.Equal(new LogRetentionCondition(3650), eu.Conditions.OfType<LogRetentionCondition>().Single());
    }

    [Fact]
    public void A_tenant_narrows_the_packs_but_never_drops_the_mandatory_vendor_pack()
    {
        var enrolWithoutConsent = Make(ChicagoShop, "enroll", "access-control");
        var attributes = Make(NewYorkShop, "infer-attributes", "marketing");

        Assert.False(Engine.Evaluate(enrolWithoutConsent).Allowed);
        Assert.False(Engine.Evaluate(enrolWithoutConsent, ["us-il-bipa"]).Allowed);
        Assert.True(Engine.Evaluate(enrolWithoutConsent, ["eu-ai-act"]).Allowed);
        Assert.True(Engine.Evaluate(enrolWithoutConsent, []).Allowed);
        Assert.Equal(["vendor-no-attribute-inference"], Engine.Evaluate(attributes, []).Rules.Select(r => r.Id));
        Assert.True(PolicyEngine.BuiltIn().Packs.Single(p => p.Id == "vendor").Mandatory);
    }

    [Fact]
    public void A_deployment_enables_a_subset_and_tenants_may_only_pick_from_it()
    {
        var engine = PolicyEngine.BuiltIn(["us-wa-sb6280"]);

        var error = Assert.Throws<FaceAccordException>(() => engine.Evaluate(Make(ChicagoShop, "enroll", "access-control"), ["us-il-bipa"]));
        var unknown = Assert.Throws<FaceAccordException>(() => PolicyEngine.BuiltIn(["us-ny-nothing"]));

        Assert.Equal(["us-wa-sb6280", "vendor"], engine.Packs.Select(p => p.Id));
        Assert.True(engine.Evaluate(Make(ChicagoShop, "enroll", "access-control")).Allowed);
        Assert.Equal(PolicyEngine.UnknownPackCode, error.Code);
        Assert.Contains("us-il-bipa", error.Message, StringComparison.Ordinal);
        Assert.Equal(PolicyEngine.UnknownPackCode, unknown.Code);
        Assert.Equal(ErrorKind.BadInput, unknown.Kind);
        Assert.Contains("us-ny-nothing", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Packs_apply_only_where_their_jurisdiction_and_sector_match()
    {
        var bipa = BuiltInPolicyPacks.All.Single(p => p.Id == "us-il-bipa");
        var eu = BuiltInPolicyPacks.All.Single(p => p.Id == "eu-ai-act");

        Assert.True(bipa.AppliesTo.AppliesTo(ChicagoShop));
        Assert.False(bipa.AppliesTo.AppliesTo(ChicagoAgency));
        Assert.False(bipa.AppliesTo.AppliesTo(NewYorkShop));
        Assert.Equal(27, eu.AppliesTo.Countries.Count);
        Assert.True(eu.AppliesTo.AppliesTo(DublinSchool));
        Assert.False(eu.AppliesTo.AppliesTo(LondonShop));
        Assert.False(eu.AppliesTo.AppliesTo(new PolicyTenant("commercial", "CH")));
    }

    [Fact]
    public void Requests_built_in_code_are_validated_too()
    {
        var error = Assert.Throws<FaceAccordException>(() => Engine.Evaluate(Make(ChicagoShop, "enroll", "stalking")));

        Assert.Equal(PolicyRequestParser.ErrorCode, error.Code);
        Assert.Equal("purpose", error.Data[PolicyRequestParser.FieldKey]);
    }

    [Fact]
    public void Two_packs_with_one_id_or_one_rule_id_are_refused()
    {
        var vendor = BuiltInPolicyPacks.All.Single(p => p.Id == "vendor");
        var copy = PolicyPack.LoadFile(RepoFiles.Path("policies", "vendor.yaml"));
        var squatter = PolicyPack.Parse(
            """
            id: us
            title: Squatter
            citations: [none]
            rules:
              - id: us-wa-sb6280-surveillance
                citation: none
                explanation: Takes another pack's rule id.
                effect: deny
            """, "squatter.yaml");

        var twice = Assert.Throws<FaceAccordException>(() => PolicyEngine.Load([vendor, copy]));
        var ruleTwice = Assert.Throws<FaceAccordException>(() => PolicyEngine.Load([.. BuiltInPolicyPacks.All, squatter]));

        Assert.Contains("'vendor'", twice.Message, StringComparison.Ordinal);
        Assert.Contains("us-wa-sb6280-surveillance", ruleTwice.Message, StringComparison.Ordinal);
        Assert.Contains("squatter.yaml", ruleTwice.Message, StringComparison.Ordinal);
    }
}
