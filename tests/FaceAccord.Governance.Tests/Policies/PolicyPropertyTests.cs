using System.Text.Json;
using FaceAccord.Governance.Policies;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FaceAccord.Governance.Tests.Policies;

public sealed class PolicyPropertyTests
{
    private static readonly PolicyEngine Reference = PolicyEngine.BuiltIn();

    private static string Json(PolicyDecision d) => JsonSerializer.Serialize(d);

    [Property(Replay = PolicyGenerators.Replay, MaxTest = 300)]
    public Property Decisions_are_deterministic_and_do_not_depend_on_the_order_packs_were_loaded_in()
    {
        var gen = from request in PolicyGenerators.Request
                  from order in Gen.Shuffle(BuiltInPolicyPacks.All.ToArray())
                  select (request, order);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            string expected = Json(Reference.Evaluate(t.request));
            return Json(PolicyEngine.Load(t.order).Evaluate(t.request)) == expected
                && Json(Reference.Evaluate(t.request)) == expected;
        });
    }

    [Property(Replay = PolicyGenerators.Replay, MaxTest = 300)]
    public Property Enabling_one_more_pack_never_turns_a_deny_into_an_allow()
    {
        string[] optional = [.. BuiltInPolicyPacks.All.Where(p => !p.Mandatory).Select(p => p.Id)];
        var gen = from request in PolicyGenerators.Request
                  from subset in Gen.SubListOf(optional)
                  from extra in Gen.Elements(optional)
                  select (request, subset: subset.ToArray(), extra);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var fewer = Reference.Evaluate(t.request, t.subset);
            var more = Reference.Evaluate(t.request, [.. t.subset, t.extra]);
            return fewer.Allowed || (!more.Allowed && fewer.Rules.All(r => more.Rules.Contains(r)));
        });
    }

    [Property(Replay = PolicyGenerators.Replay, MaxTest = 300)]
    public Property A_decision_explains_itself_consistently()
    {
        return Prop.ForAll(PolicyGenerators.Request.ToArbitrary(), request =>
        {
            var d = Reference.Evaluate(request);
            var rules = BuiltInPolicyPacks.All.SelectMany(p => p.Rules).ToDictionary(r => r.Id);
            bool shaped = d.Rules.All(hit => rules[hit.Id].Matches(PolicyRequestParser.Validate(request)));
            return shaped && (d.Allowed
                ? d.Rules.All(r => r.Effect == PolicyEffects.AllowWithConditions)
                    && d.Conditions.All(c => d.Rules.Any(r => rules[r.Id].Conditions.Any(rc => rc.Type == c.Type)))
                    && d.Conditions.Where(c => c is not LegalBasisRequiredCondition).Select(c => c.Type).Distinct().Count()
                        == d.Conditions.Count(c => c is not LegalBasisRequiredCondition)
                : d.Rules.Count > 0 && d.Rules.All(r => r.Effect == PolicyEffects.Deny) && d.Conditions.Count == 0);
        });
    }

    [Property(Replay = PolicyGenerators.Replay, MaxTest = 300)]
    public Property Merged_conditions_are_the_strictest_and_independent_of_order()
    {
        var gen = from conditions in Gen.ListOf(PolicyGenerators.Condition)
                  from shuffled in Gen.Shuffle(conditions.ToArray())
                  select (conditions: conditions.ToArray(), shuffled);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var merged = PolicyCondition.Merge(t.conditions);
            var reviewers = t.conditions.OfType<HumanReviewCondition>().Select(c => c.Reviewers).DefaultIfEmpty(0).Max();
            var maxDays = t.conditions.OfType<RetentionCondition>().Select(c => c.MaxDays).DefaultIfEmpty(0).Min();
            var minDays = t.conditions.OfType<LogRetentionCondition>().Select(c => c.MinDays).DefaultIfEmpty(0).Max();
            var bases = merged.OfType<LegalBasisRequiredCondition>().ToList();
            bool everyDemandKept = t.conditions.OfType<LegalBasisRequiredCondition>().All(c => bases.Any(b =>
                b.AnyOf.All(c.AnyOf.Contains) && (b.WithinHours is null || (c.WithinHours is { } h && b.WithinHours <= h))));
            return merged.SequenceEqual(PolicyCondition.Merge(t.shuffled))
                && merged.OfType<HumanReviewCondition>().Select(c => c.Reviewers).DefaultIfEmpty(0).Single() == reviewers
                && merged.OfType<RetentionCondition>().Select(c => c.MaxDays).DefaultIfEmpty(0).Single() == maxDays
                && merged.OfType<LogRetentionCondition>().Select(c => c.MinDays).DefaultIfEmpty(0).Single() == minDays
                && merged.OfType<AccountabilityReportCondition>().Count() == (t.conditions.OfType<AccountabilityReportCondition>().Any() ? 1 : 0)
                && everyDemandKept
                && bases.Distinct().Count() == bases.Count;
        });
    }
}
