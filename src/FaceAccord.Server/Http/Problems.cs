using FaceAccord.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace FaceAccord.Server.Http;

/// <summary>
/// RFC 7807 answers: every error has a stable <c>type</c> (<c>urn:faceaccord:problem:&lt;code&gt;</c>), the HTTP
/// status its kind calls for, and one sentence for people.
/// </summary>
public static class Problems
{
    public const string TypePrefix = "urn:faceaccord:problem:";

    // Codes whose request was well formed but cannot be carried out as asked.
    private static readonly HashSet<string> Unprocessable = new(StringComparer.Ordinal)
    {
        "no-face", "ambiguous-face", "quality-refused", "fpir-not-calibrated", "fmr-not-calibrated", "template-model-mismatch",
    };

    private static readonly HashSet<string> Conflicts = new(StringComparer.Ordinal)
    {
        "subject-exists", "subject-expired", "gallery-exists", "consent-withdrawn", "reviewer-already-decided", "review-closed",
    };

    private const string CodeKey = "faceaccord.problem";

    public static int StatusFor(FaceAccordException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Kind switch
        {
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Denied => StatusCodes.Status403Forbidden,
            ErrorKind.Environment => StatusCodes.Status503ServiceUnavailable,
            ErrorKind.Internal => StatusCodes.Status500InternalServerError,
            _ when e.Code is "image-too-large" => StatusCodes.Status413PayloadTooLarge,
            _ when Unprocessable.Contains(e.Code) => StatusCodes.Status422UnprocessableEntity,
            _ when Conflicts.Contains(e.Code) => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
    }

    public static ProblemDetails From(FaceAccordException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var problem = Create(StatusFor(e), e.Code, e.Message);
        foreach (System.Collections.DictionaryEntry entry in e.Data)
        {
            if (entry.Key is string key)
            {
                problem.Extensions[key] = entry.Value;
            }
        }

        return problem;
    }

    public static ProblemDetails Create(int status, string code, string detail) => new()
    {
        Status = status,
        Type = TypePrefix + code,
        Title = Title(code),
        Detail = detail,
        Extensions = { ["code"] = code },
    };

    public static Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(problem);

        // Kept for the request's audit entry, which is sealed after the answer is written.
        context.Items[CodeKey] = problem.Extensions.TryGetValue("code", out var code) ? code : null;
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    /// <summary>The problem code this request was answered with, if it was answered with one.</summary>
    public static string? CodeOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(CodeKey, out var code) ? code as string : null;
    }

    /// <summary>The client's address as this server sees it (the peer; no forwarding header is trusted).</summary>
    public static string? ClientAddressOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Connection.RemoteIpAddress?.ToString();
    }

    private static string Title(string code) =>
        code.Length == 0 ? "Error" : char.ToUpperInvariant(code[0]) + code[1..].Replace('-', ' ');
}
