namespace FaceAccord.Evaluation.Fairness;

/// <summary>
/// One scored comparison tagged with the subjects it compares and their demographic group, the unit a
/// demographic audit counts and resamples (NIST compares impostors within a group, so one label per pair).
/// </summary>
/// <param name="SubjectA">Id of the first subject; a genuine pair names the same subject twice.</param>
/// <param name="SubjectB">Id of the second subject; an impostor pair names a different subject from <paramref name="SubjectA"/>.</param>
/// <param name="IsGenuine">True for a same-person (mated) pair, false for an impostor pair.</param>
/// <param name="Score">Similarity, higher means more alike; NaN (any non-finite value) marks a failed comparison.</param>
/// <param name="Group">Demographic label supplied by the tester, e.g. <c>race=Black|gender=female</c>.</param>
public readonly record struct GroupedComparison(string SubjectA, string SubjectB, bool IsGenuine, double Score, string Group);
