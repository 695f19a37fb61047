using FaceAccord.Core;
using FaceAccord.Service.Reviews;

namespace FaceAccord.WebConsole.Reviews;

/// <summary>
/// Everything the case page shows: the case as the governed path returned it (with the held result only for a reviewer
/// who may decide), what the request declared, the policy rules that required the review, which candidates have an
/// enrolled face image to show, and whether (or why not) the signed-in key may decide.
/// </summary>
public sealed record CaseModel(
    ReviewCaseView View,
    string Purpose,
    string Mode,
    LegalBasis? LegalBasis,
    IReadOnlyList<string> RuleIds,
    IReadOnlySet<Guid> CandidatesWithImage,
    string? CannotDecide);
