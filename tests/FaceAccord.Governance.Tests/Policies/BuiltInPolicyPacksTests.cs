using FaceAccord.Governance.Policies;

namespace FaceAccord.Governance.Tests.Policies;

public sealed class BuiltInPolicyPacksTests
{
    private static readonly string[] Expected = ["eu-ai-act", "us-ca-sf", "us-il-bipa", "us-or-portland", "us-wa-sb6280", "vendor"];

    [Fact]
    public void The_assembly_embeds_exactly_the_packs_in_the_policies_folder_each_named_for_its_id()
    {
        var onDisk = Directory.GetFiles(RepoFiles.Path("policies"), "*.yaml")
            .Select(PolicyPack.LoadFile)
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .ToList();

        Assert.Equal(Expected, BuiltInPolicyPacks.All.Select(p => p.Id));
        Assert.Equal(Expected, onDisk.Select(p => p.Id));
        Assert.All(onDisk, p => Assert.Equal(p.Id + ".yaml", Path.GetFileName(p.Source)));
        Assert.Equal(
            onDisk.Select(p => string.Join("|", p.Rules.Select(r => r.Id + ":" + r.Citation + ":" + r.Explanation))),
            BuiltInPolicyPacks.All.Select(p => string.Join("|", p.Rules.Select(r => r.Id + ":" + r.Citation + ":" + r.Explanation))));
    }

    [Fact]
    public void Every_built_in_rule_has_a_citation_and_a_plain_words_explanation()
    {
        var rules = BuiltInPolicyPacks.All.SelectMany(p => p.Rules).ToList();

        Assert.Equal(19, rules.Count);
        Assert.All(rules, r => Assert.True(r.Citation.Length >= 10 && r.Explanation.Length >= 60, r.Id));
        Assert.Equal(["vendor"], BuiltInPolicyPacks.All.Where(p => p.Mandatory).Select(p => p.Id));
    }

    [Fact]
    public void The_policies_document_lists_every_term_and_every_rule()
    {
        string doc = File.ReadAllText(RepoFiles.Path("docs", "policies.md"));
        var terms = new[] { PolicyVocabulary.Sectors, PolicyVocabulary.Operations, PolicyVocabulary.Purposes, PolicyVocabulary.Modes, PolicyVocabulary.Settings, PolicyVocabulary.LegalBasisTypes }
            .SelectMany(set => set.Terms);
        var rules = BuiltInPolicyPacks.All.SelectMany(p => p.Rules).Select(r => r.Id);

        Assert.All(terms, t => Assert.Contains($"`{t}`", doc, StringComparison.Ordinal));
        Assert.All(rules, r => Assert.Contains($"`{r}`", doc, StringComparison.Ordinal));
        Assert.All(PolicyCondition.Types, t => Assert.Contains($"`{t}`", doc, StringComparison.Ordinal));
    }
}
