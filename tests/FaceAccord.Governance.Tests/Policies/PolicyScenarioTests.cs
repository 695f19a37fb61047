using FaceAccord.Governance.Policies;

namespace FaceAccord.Governance.Tests.Policies;

public sealed class PolicyScenarioTests
{
    private static readonly PolicyEngine Engine = PolicyEngine.BuiltIn();

    public static TheoryData<string> Names => [.. PolicyScenarios.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Scenario_gives_exactly_the_expected_decision_rules_and_conditions(string name)
    {
        var scenario = PolicyScenarios.Named(name);

        var decision = Engine.Evaluate(scenario.Request);

        Assert.Equal(scenario.Decision, decision.Decision);
        Assert.Equal(scenario.Rules.Order(StringComparer.Ordinal), decision.Rules.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(scenario.Conditions, decision.Conditions);
        var expectedEffect = decision.Allowed ? PolicyEffects.AllowWithConditions : PolicyEffects.Deny;
        Assert.All(decision.Rules, r => Assert.Equal(expectedEffect, r.Effect));
    }

    [Fact]
    public void The_table_has_at_least_forty_distinct_scenarios_each_citing_its_text()
    {
        Assert.True(PolicyScenarios.All.Count >= 40, $"only {PolicyScenarios.All.Count} scenarios");
        Assert.Equal(PolicyScenarios.All.Count, PolicyScenarios.All.Select(s => s.Name).Distinct().Count());
        Assert.All(PolicyScenarios.All, s => Assert.False(string.IsNullOrWhiteSpace(s.Cites)));
    }

    [Fact]
    public void Every_built_in_rule_fires_in_a_scenario_and_lets_an_in_scope_request_through_in_another()
    {
        var missing = new List<string>();
        foreach (var pack in BuiltInPolicyPacks.All)
        {
            foreach (var rule in pack.Rules)
            {
                bool fires = PolicyScenarios.All.Any(s => s.Rules.Contains(rule.Id));
                bool allowsInScope = PolicyScenarios.All.Any(s =>
                    s.Decision == PolicyDecision.Allow
                    && !s.Rules.Contains(rule.Id)
                    && pack.AppliesTo.AppliesTo(PolicyRequestParser.Validate(s.Request).Tenant));
                if (!fires)
                {
                    missing.Add($"{rule.Id}: no scenario where it fires");
                }

                if (!allowsInScope)
                {
                    missing.Add($"{rule.Id}: no allowed scenario in its pack's scope where it does not fire");
                }
            }
        }

        Assert.Empty(missing);
    }
}
