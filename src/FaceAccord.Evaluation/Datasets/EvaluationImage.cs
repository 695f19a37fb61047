namespace FaceAccord.Evaluation.Datasets;

/// <summary>An evaluation image with who is in it and which demographic group they belong to, the input to pair sampling.</summary>
/// <param name="ImageId">Identifies the image, usually its path.</param>
/// <param name="SubjectId">Identifies the person; two images of one subject never form an impostor pair.</param>
/// <param name="Group">Demographic group label, e.g. <c>race=Asian|gender=male</c>.</param>
public sealed record EvaluationImage(string ImageId, string SubjectId, string Group);
