namespace FaceAccord.Service.Reports;

/// <summary>
/// Where the server finds the latest fairness evaluation: the <c>fairness.json</c> that <c>faceaccord fairness --out</c>
/// wrote (<c>faceaccord serve --fairness FILE</c>), read again at each view, so a new run into the same folder is what
/// the console shows next. <paramref name="Load"/> turns the file into the figures the reports quote (the command line
/// supplies it: the reading and the chart need the evaluation code the service does not carry).
/// </summary>
public sealed record FairnessSource(string Path, Func<string, FairnessEvidence> Load);
