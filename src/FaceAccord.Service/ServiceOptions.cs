using FaceAccord.Core;
using FaceAccord.Search;

namespace FaceAccord.Service;

/// <summary>Settings of the service, bound from configuration and checked once at start.</summary>
public sealed record ServiceOptions
{
    /// <summary>FPIR of an identification that does not ask for one: one search in a hundred may name a stranger.</summary>
    public double DefaultFpir { get; init; } = 1e-2;

    /// <summary>FMR of a verification that does not ask for one.</summary>
    public double DefaultVerifyFmr { get; init; } = 1e-4;

    /// <summary>Most candidates one identification may return.</summary>
    public int MaxCandidates { get; init; } = 100;

    /// <summary>Galleries created without saying otherwise keep no images, only templates.</summary>
    public bool StoreImagesByDefault { get; init; }

    /// <summary>
    /// Days a held request's probe crop is kept after its case is decided (released or rejected), for a challenge of
    /// the decision to be looked into; the retention sweep then deletes it. 0: deleted by the first sweep after the decision.
    /// </summary>
    public int ProbeCropRetentionDays { get; init; } = DefaultProbeCropRetentionDays;

    public const int DefaultProbeCropRetentionDays = 30;

    /// <summary>Longest crop period accepted: ten years.</summary>
    public const int MaxProbeCropRetentionDays = 3650;

    public SearchOptions Search { get; init; } = new();

    /// <summary>Policy packs this deployment enables; null: every built-in pack (each applies only where it governs).</summary>
    public IReadOnlyList<string>? EnabledPolicyPacks { get; init; }

    public void Validate()
    {
        if (!(DefaultFpir > 0 && DefaultFpir <= 1))
        {
            throw FaceAccordException.BadInput("config-invalid", "DefaultFpir must be in (0, 1].");
        }

        if (!(DefaultVerifyFmr > 0 && DefaultVerifyFmr < 1))
        {
            throw FaceAccordException.BadInput("config-invalid", "DefaultVerifyFmr must be in (0, 1).");
        }

        if (ProbeCropRetentionDays is < 0 or > MaxProbeCropRetentionDays)
        {
            throw FaceAccordException.BadInput("config-invalid", $"ProbeCropRetentionDays must be between 0 and {MaxProbeCropRetentionDays}.");
        }

        if (MaxCandidates is < 1 or > 10_000)
        {
            throw FaceAccordException.BadInput("config-invalid", "MaxCandidates must be between 1 and 10000.");
        }
    }
}
