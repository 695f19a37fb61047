namespace FaceAccord.Evaluation.Reports;

/// <summary>What a chart's score axis is called, from the scorer's method: a normalised score is not a cosine.</summary>
public static class ScoreAxis
{
    public static string Label(string scoringMethod) => scoringMethod switch
    {
        "cosine" => "cosine similarity",
        "adaptive-s-norm" => "score (cosine normalised by adaptive S-norm)",
        _ => $"score ({scoringMethod})",
    };
}
