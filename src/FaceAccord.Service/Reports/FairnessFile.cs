using System.Text.Json;
using System.Text.Json.Serialization;
using FaceAccord.Core;
using FaceAccord.Evaluation.Fairness.Audit;

namespace FaceAccord.Service.Reports;

/// <summary>Reads the <c>fairness.json</c> that <c>faceaccord fairness --out</c> wrote, so the accountability report quotes measured rates, not typed-in ones.</summary>
public static class FairnessFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The audit in <paramref name="path"/>; <c>fairness-not-found</c> (NotFound) or <c>fairness-invalid</c> (BadInput).</summary>
    public static FairnessAuditReport Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw FaceAccordException.NotFound("fairness-not-found", $"There is no fairness file '{path}'; give the fairness.json that 'faceaccord fairness --out DIR' wrote.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw FaceAccordException.BadInput("fairness-invalid", $"The fairness file '{path}' cannot be read: {e.Message}", e);
        }

        FairnessAuditReport? report;
        try
        {
            report = JsonSerializer.Deserialize<FairnessAuditReport>(text, Json);
        }
        catch (JsonException e)
        {
            throw FaceAccordException.BadInput("fairness-invalid", $"The fairness file '{path}' is not a fairness audit: {e.Message}", e);
        }

        if (report is null || string.IsNullOrWhiteSpace(report.Model) || report.Breakdowns is null || report.Breakdowns.Any(b => b?.Groups is null))
        {
            throw FaceAccordException.BadInput("fairness-invalid", $"The fairness file '{path}' is not a fairness audit: the model or its group figures are missing.");
        }

        return report;
    }
}
