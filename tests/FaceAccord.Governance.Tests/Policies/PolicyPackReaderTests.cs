using FaceAccord.Core;
using FaceAccord.Governance.Policies;

namespace FaceAccord.Governance.Tests.Policies;

public sealed class PolicyPackReaderTests
{
    private const string Head = "id: test\ntitle: Test pack\ncitations: [Test Act]\n";

    private static string Rule(string body) =>
        Head + "rules:\n  - id: test-one\n    citation: Test Act s. 1\n    explanation: A rule for tests.\n" + body;

    [Fact]
    public void A_well_formed_pack_loads_with_its_rules_and_applicability()
    {
        var pack = PolicyPack.Parse(
            Head + """
            mandatory: false
            applies-to:
              countries: [us]
              regions: [us-wa]
              sectors: [commercial]
            rules:
              - id: test-one
                citation: Test Act s. 1
                explanation: No identification in real time.
                when:
                  all:
                    - { field: operation, equals: identify }
                    - any:
                        - { field: mode, in: [real-time, continuous] }
                        - not: { field: consequential, equals: false }
                effect: deny
            """, "test.yaml");

        var rule = Assert.Single(pack.Rules);
        Assert.Equal(("test", "Test pack", false), (pack.Id, pack.Title, pack.Mandatory));
        Assert.Equal(["US"], pack.AppliesTo.Countries);
        Assert.Equal(["US-WA"], pack.AppliesTo.Regions);
        Assert.Equal(PolicyEffect.Deny, rule.Effect);
        Assert.True(rule.Matches(Requests.Make(Requests.SpokaneShop, "identify", "access-control", mode: "continuous")));
        Assert.True(rule.Matches(Requests.Make(Requests.SpokaneShop, "identify", "access-control", consequential: true)));
        Assert.False(rule.Matches(Requests.Make(Requests.SpokaneShop, "identify", "access-control")));
        Assert.False(rule.Matches(Requests.Make(Requests.SpokaneShop, "verify", "access-control", mode: "real-time")));
    }

    [Fact]
    public void Absent_optional_fields_are_in_nothing_and_outside_every_list()
    {
        var pack = PolicyPack.Parse(Rule("""
                when:
                  any:
                    - { field: tenant.region, in: [US-WA] }
                    - { field: tenant.city, not-in: [Paris] }
                effect: deny
            """), "test.yaml");

        Assert.True(pack.Rules[0].Matches(Requests.Make(new PolicyTenant("commercial", "FR"), "detect", "marketing")));
        Assert.False(pack.Rules[0].Matches(Requests.Make(new PolicyTenant("commercial", "FR", null, "Paris"), "detect", "marketing")));
    }

    [Theory]
    [InlineData("    effect: deny\n    efect: deny\n", "rule 'test-one'", "unknown key 'efect'")]
    [InlineData("    effect: refuse\n", "rule 'test-one'", "effect is 'deny' or 'allow-with-conditions'")]
    [InlineData("    when: { field: tenant.sectr, equals: commercial }\n    effect: deny\n", "rule 'test-one'", "unknown field 'tenant.sectr'")]
    [InlineData("    when: { field: tenant.sector, equals: police }\n    effect: deny\n", "rule 'test-one'", "'police' is not a sector")]
    [InlineData("    when: { field: purpose, in: [marketing, shoping] }\n    effect: deny\n", "rule 'test-one'", "'shoping' is not a purpose")]
    [InlineData("    when: { field: consequential, equals: yes }\n    effect: deny\n", "rule 'test-one'", "true or false")]
    [InlineData("    when: { field: tenant.region, equals: Washington }\n    effect: deny\n", "rule 'test-one'", "ISO 3166-2")]
    [InlineData("    when: { field: operation, equals: verify, in: [identify] }\n    effect: deny\n", "rule 'test-one'", "exactly one of")]
    [InlineData("    when: { field: operation, in: [] }\n    effect: deny\n", "rule 'test-one'", "at least one value")]
    [InlineData("    when: { every: [] }\n    effect: deny\n", "rule 'test-one'", "found every")]
    [InlineData("    when: { all: [] }\n    effect: deny\n", "rule 'test-one'", "'all' needs at least one")]
    [InlineData("    effect: deny\n    conditions: [{ type: consent-required }]\n", "rule 'test-one'", "a deny rule has no conditions")]
    [InlineData("    effect: allow-with-conditions\n", "rule 'test-one'", "needs at least one condition")]
    [InlineData("    effect: allow-with-conditions\n    conditions: [{ type: notify-press }]\n", "rule 'test-one'", "unknown condition type 'notify-press'")]
    [InlineData("    effect: allow-with-conditions\n    conditions: [{ type: human-review, reviewers: 0 }]\n", "rule 'test-one'", "'reviewers' is a whole number from 1")]
    [InlineData("    effect: allow-with-conditions\n    conditions: [{ type: retention, maxDays: 3.5 }]\n", "rule 'test-one'", "'maxDays' is a whole number")]
    [InlineData("    effect: allow-with-conditions\n    conditions: [{ type: retention, minDays: 3 }]\n", "rule 'test-one'", "unknown key 'minDays'")]
    [InlineData("    effect: allow-with-conditions\n    conditions: [{ type: legal-basis-required, anyOf: [none] }]\n", "rule 'test-one'", "other than 'none'")]
    [InlineData("    effect: allow-with-conditions\n    conditions: [{ type: legal-basis-required, anyOf: [subpoena] }]\n", "rule 'test-one'", "'subpoena' is not a legal basis type")]
    [InlineData("    effect: deny\n  - id: test-one\n    citation: x\n    explanation: y\n    effect: deny\n", "rule 'test-one'", "used twice")]
    [InlineData("    effect: deny\n  - id: other-rule\n    citation: x\n    explanation: y\n    effect: deny\n", "rule 'other-rule'", "start with the pack id")]
    [InlineData("    effect: deny\n  - id: test-two\n    explanation: y\n    effect: deny\n", "rule 'test-two'", "'citation' is required")]
    [InlineData("    effect: deny\n  - citation: x\n    explanation: y\n    effect: deny\n", "rule #2", "'id' is required")]
    [InlineData("    effect: deny\n    when: { field: operation, equals: detect\n", "rule 'test-one'", "not valid YAML")]
    public void A_malformed_rule_fails_at_load_naming_the_file_the_rule_and_the_problem(string body, string where, string problem)
    {
        var error = Assert.Throws<FaceAccordException>(() => PolicyPack.Parse(Rule(body), "policies/test.yaml"));

        Assert.Equal("policy-pack-invalid", error.Code);
        Assert.Equal(ErrorKind.BadInput, error.Kind);
        Assert.Contains("'policies/test.yaml'", error.Message, StringComparison.Ordinal);
        if (problem != "not valid YAML")
        {
            Assert.Contains(where, error.Message, StringComparison.Ordinal);
        }

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Matches("line [0-9]+", error.Message);
    }

    [Theory]
    [InlineData("title: T\ncitations: [C]\nrules: []\n", "'id' is required")]
    [InlineData("id: Test Pack\ntitle: T\ncitations: [C]\nrules: []\n", "pack id 'Test Pack'")]
    [InlineData("id: test\ntitle: T\ncitations: [C]\nrules: []\n", "at least one rule")]
    [InlineData("id: test\ntitle: T\ncitations: []\nrules: []\n", "'citations' needs at least one entry")]
    [InlineData("id: test\ntitle: T\ncitations: [C]\nscope: x\nrules: []\n", "unknown key 'scope'")]
    [InlineData("id: test\ntitle: T\ncitations: [C]\napplies-to: { countries: [USA] }\nrules: []\n", "ISO 3166-1")]
    [InlineData("id: test\ntitle: T\ncitations: [C]\napplies-to: { states: [US-WA] }\nrules: []\n", "unknown key 'states'")]
    [InlineData("id: test\nid: again\n", "Duplicate key")]
    [InlineData("- just\n- a list\n", "must be a mapping")]
    [InlineData("id: a\n---\nid: b\n", "exactly one YAML document")]
    public void A_malformed_pack_fails_at_load_naming_the_file(string yaml, string problem)
    {
        var error = Assert.Throws<FaceAccordException>(() => PolicyPack.Parse(yaml, "broken.yaml"));

        Assert.Equal("policy-pack-invalid", error.Code);
        Assert.Contains("'broken.yaml'", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pack_file_on_disk_is_named_by_its_path_in_errors()
    {
        string path = Path.Combine(Path.GetTempPath(), $"faceaccord-policy-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, Rule("    effect: allow-with-conditions\n    conditions: [{ type: human-review }]\n"));
        try
        {
            var error = Assert.Throws<FaceAccordException>(() => PolicyPack.LoadFile(path));

            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("rule 'test-one', line 9", error.Message, StringComparison.Ordinal);
            Assert.Contains("'reviewers' is required", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    // Found by fuzzing (tests/FaceAccord.Fuzz, target policy-pack): YamlDotNet let control characters through and
    // then failed with ArgumentException or InvalidOperationException, failed the same way on some printable input,
    // and overflowed the stack (ending the process) on deep nesting.
    [Theory]
    [InlineData(" :\0\u0010\u0001\0", "line 1", "U+0000 is not allowed")]
    [InlineData("id: test\ntitle: \u001b[1mT\n", "line 2", "U+001B is not allowed")]
    [InlineData("iors: [commercexplanation: No continuous surveillanc continuous survael\nie.l        field:nce.\n  id: fuzz-pack\n48\n", "line 1", "not valid YAML")]
    public void Input_the_yaml_reader_chokes_on_is_reported_as_an_invalid_pack(string yaml, string where, string problem)
    {
        var error = Assert.Throws<FaceAccordException>(() => PolicyPack.Parse(yaml, "policies/fuzz.yaml"));

        Assert.Equal("policy-pack-invalid", error.Code);
        Assert.Equal(ErrorKind.BadInput, error.Kind);
        Assert.Contains(where, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100_000)]
    [InlineData(PolicyPack.MaxDepth + 1)]
    public void Nesting_deeper_than_the_limit_is_refused_before_the_tree_is_built(int depth)
    {
        string yaml = Rule("    effect: deny\n    when: " + string.Concat(Enumerable.Repeat("{not: ", depth)) + "{field: operation, equals: detect}" + new string('}', depth) + "\n");

        var error = Assert.Throws<FaceAccordException>(() => PolicyPack.Parse(yaml, "policies/deep.yaml"));

        Assert.Equal("policy-pack-invalid", error.Code);
        Assert.Contains($"nested more than {PolicyPack.MaxDepth} levels deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_up_to_the_limit_still_loads()
    {
        // The rule mapping and the rules list already take four levels.
        int depth = PolicyPack.MaxDepth - 6;
        string yaml = Rule("    effect: deny\n    when: " + string.Concat(Enumerable.Repeat("{not: ", depth)) + "{field: operation, equals: detect}" + new string('}', depth) + "\n");

        var pack = PolicyPack.Parse(yaml, "policies/deep.yaml");

        Assert.Single(pack.Rules);
    }

    [Fact]
    public void A_missing_pack_file_is_bad_input()
    {
        var error = Assert.Throws<FaceAccordException>(() => PolicyPack.LoadFile(Path.Combine(Path.GetTempPath(), "no-such-pack.yaml")));

        Assert.Equal("policy-pack-unreadable", error.Code);
    }
}
