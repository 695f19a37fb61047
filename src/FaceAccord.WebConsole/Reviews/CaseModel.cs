using FaceAccord.Core;
using FaceAccord.Service.Reviews;

namespace FaceAccord.WebConsole.Reviews;

/// <summary>
/// Everything the case page shows: the case as the governed path returned it (with the held result only for a reviewer
/// who may decide), what the request declared, the policy rules that required the review, which probe crops
/// (<c>ProbeCropSlots</c>) and candidates' enrolled-face crops are kept to show, which candidates also have their
/// enrolled photo kept (the original framing), the held faces' quality measures by slot (shown with the held result),
/// and whether (or why not) the signed-in key may decide.
/// </summary>
public sealed record CaseModel(
    ReviewCaseView View,
    string Purpose,
    string Mode,
    LegalBasis? LegalBasis,
    IReadOnlyList<string> RuleIds,
    IReadOnlySet<string> ProbeCrops,
    IReadOnlySet<Guid> CandidatesWithCrop,
    IReadOnlySet<Guid> CandidatesWithImage,
    IReadOnlyDictionary<string, ProbeQuality> Quality,
    string? CannotDecide);
