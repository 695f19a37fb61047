using FaceAccord.Core;

namespace FaceAccord.Governance.Policies;

/// <summary>
/// Decides whether an operation may run: evaluates every enabled pack that applies to the tenant and denies if any
/// rule denies, else allows with the merged conditions. Small, deterministic, and independent of pack order.
/// </summary>
public sealed class PolicyEngine
{
    public const string UnknownPackCode = "policy-pack-unknown";

    private readonly Dictionary<string, PolicyPack> byId;

    private PolicyEngine(IReadOnlyList<PolicyPack> packs)
    {
        Packs = packs;
        byId = packs.ToDictionary(p => p.Id, StringComparer.Ordinal);
    }

    /// <summary>The packs this deployment enabled, ordered by id.</summary>
    public IReadOnlyList<PolicyPack> Packs { get; }

    /// <summary>An engine over exactly these packs (their order does not matter); pack and rule ids must be unique.</summary>
    public static PolicyEngine Load(IEnumerable<PolicyPack> packs)
    {
        ArgumentNullException.ThrowIfNull(packs);
        var list = packs.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        var ruleOwners = new Dictionary<string, PolicyPack>(StringComparer.Ordinal);
        for (int i = 0; i < list.Count; i++)
        {
            if (i > 0 && list[i].Id == list[i - 1].Id)
            {
                throw FaceAccordException.BadInput(PolicyPackReader.ErrorCode,
                    $"Policy packs '{list[i - 1].Source}' and '{list[i].Source}' both have the id '{list[i].Id}'.");
            }

            foreach (var rule in list[i].Rules)
            {
                if (!ruleOwners.TryAdd(rule.Id, list[i]))
                {
                    throw FaceAccordException.BadInput(PolicyPackReader.ErrorCode,
                        $"Policy pack '{list[i].Source}', rule '{rule.Id}': the id is already used by pack '{ruleOwners[rule.Id].Id}' ('{ruleOwners[rule.Id].Source}').");
                }
            }
        }

        return new PolicyEngine(list);
    }

    /// <summary>
    /// An engine over the built-in packs: all of them, or those a deployment enabled (mandatory packs always
    /// stay). Each pack still applies only where its applicability matches the tenant.
    /// </summary>
    public static PolicyEngine BuiltIn(IReadOnlyCollection<string>? enabledPacks = null)
    {
        var all = BuiltInPolicyPacks.All;
        if (enabledPacks is null)
        {
            return Load(all);
        }

        var known = all.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        foreach (string id in enabledPacks)
        {
            if (!known.Contains(id))
            {
                throw FaceAccordException.BadInput(UnknownPackCode,
                    $"Policy pack '{id}' is not a built-in pack; built-in packs are {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
            }
        }

        return Load(all.Where(p => p.Mandatory || enabledPacks.Contains(p.Id, StringComparer.Ordinal)));
    }

    /// <summary>
    /// Decides on <paramref name="request"/>. <paramref name="tenantEnabledPacks"/> narrows the deployment's packs
    /// for one tenant (null: all of them); mandatory packs are evaluated regardless.
    /// </summary>
    public PolicyDecision Evaluate(PolicyRequest request, IReadOnlyCollection<string>? tenantEnabledPacks = null)
    {
        var normal = PolicyRequestParser.Validate(request);
        if (tenantEnabledPacks is not null)
        {
            foreach (string id in tenantEnabledPacks)
            {
                if (!byId.ContainsKey(id))
                {
                    throw FaceAccordException.BadInput(UnknownPackCode,
                        $"Policy pack '{id}' is not enabled in this deployment; enabled packs are {string.Join(", ", byId.Keys.Order(StringComparer.Ordinal))}.");
                }
            }
        }

        var denied = new List<PolicyRuleHit>();
        var conditional = new List<PolicyRuleHit>();
        var conditions = new List<PolicyCondition>();
        foreach (var pack in Packs)
        {
            bool enabled = pack.Mandatory || tenantEnabledPacks is null || tenantEnabledPacks.Contains(pack.Id, StringComparer.Ordinal);
            if (!enabled || !pack.AppliesTo.AppliesTo(normal.Tenant))
            {
                continue;
            }

            foreach (var rule in pack.Rules)
            {
                if (!rule.Matches(normal))
                {
                    continue;
                }

                var hit = new PolicyRuleHit(rule.Id, pack.Id, rule.Citation, PolicyEffects.Name(rule.Effect), rule.Explanation);
                if (rule.Effect == PolicyEffect.Deny)
                {
                    denied.Add(hit);
                }
                else
                {
                    conditional.Add(hit);
                    conditions.AddRange(rule.Conditions);
                }
            }
        }

        return denied.Count > 0
            ? new PolicyDecision(PolicyDecision.Deny, denied, [])
            : new PolicyDecision(PolicyDecision.Allow, conditional, ConditionMerger.Merge(conditions));
    }
}
