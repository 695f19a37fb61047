namespace FaceAccord.Evaluation.Fairness.Audit;

/// <summary>One row of an audit manifest: an image, whose face it shows and the demographic values of that person.</summary>
/// <param name="Image">Full path of the image.</param>
/// <param name="Subject">Identity; images of one subject form genuine pairs and never impostor pairs.</param>
/// <param name="GroupValues">One value per group column of the manifest, in column order.</param>
/// <param name="Line">The 1-based line of the manifest the row came from, for messages.</param>
public sealed record AuditManifestEntry(string Image, string Subject, IReadOnlyList<string> GroupValues, int Line);
