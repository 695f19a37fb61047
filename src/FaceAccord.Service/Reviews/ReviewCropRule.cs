using System.Collections.Concurrent;
using FaceAccord.Core;
using FaceAccord.Governance.Policies;

namespace FaceAccord.Service.Reviews;

/// <summary>
/// Decides which enrolled faces keep a crop for review. A gallery is searched under whatever purpose a request
/// declares, so "a gallery whose use can require review" is one of a tenant for which the policy packs attach human
/// review to at least one identification they allow: any purpose, mode, setting, consequential or not, on any legal
/// basis of the policy vocabulary. Such a tenant's faces keep a crop, since a case can only show what was kept
/// before it was held; any other tenant keeps none, since no result of theirs is ever held for review. The answer
/// depends only on the tenant's profile and the enabled packs, so it is computed once per profile.
/// </summary>
public sealed class ReviewCropRule(PolicyEngine engine)
{
    private readonly ConcurrentDictionary<PolicyTenant, bool> _answers = new();

    /// <summary>Whether faces enrolled in <paramref name="tenant"/>'s galleries keep an aligned crop for review.</summary>
    public bool KeepsEnrolledCrops(Tenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var p = tenant.Profile;
        return _answers.GetOrAdd(new PolicyTenant(p.Sector, p.Country, p.Region, p.City, p.PlaceOfPublicAccommodation), CanHoldIdentification);
    }

    private bool CanHoldIdentification(PolicyTenant tenant)
    {
        foreach (string purpose in PolicyVocabulary.Purposes.Terms)
        {
            foreach (string mode in PolicyVocabulary.Modes.Terms)
            {
                foreach (string setting in PolicyVocabulary.Settings.Terms)
                {
                    foreach (string basis in PolicyVocabulary.LegalBasisTypes.Terms)
                    {
                        foreach (bool consequential in (bool[])[false, true])
                        {
                            var decision = engine.Evaluate(new PolicyRequest
                            {
                                Tenant = tenant,
                                Operation = "identify",
                                Purpose = purpose,
                                Mode = mode,
                                Setting = setting,
                                Consequential = consequential,
                                LegalBasis = new PolicyLegalBasis(basis, basis == PolicyVocabulary.NoLegalBasis ? null : "any"),
                            });
                            if (decision.Allowed && decision.Conditions.OfType<HumanReviewCondition>().Any())
                            {
                                return true;
                            }
                        }
                    }
                }
            }
        }

        return false;
    }
}
