using FaceAccord.Core;
using FaceAccord.Service.Safeguards;

namespace FaceAccord.WebConsole.Http;

/// <summary>
/// The console as a front end of the governed path: its audit entries say <c>console</c>, and record the HTTP status
/// the page answered with (a decision is answered by a redirect, 303; a refusal by the page with its error status).
/// </summary>
public sealed class ConsoleChannel : RequestChannel
{
    public static ConsoleChannel Instance { get; } = new();

    public override string Name => "console";

    public override int StatusOf(OperationOutcome outcome) => 303;

    public override int StatusOf(Exception error) => error is FaceAccordException e ? StatusFor(e) : 500;

    /// <summary>The page status for a typed error, as the HTTP API maps the same errors.</summary>
    public static int StatusFor(FaceAccordException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Kind switch
        {
            ErrorKind.NotFound => 404,
            ErrorKind.Denied => 403,
            ErrorKind.Environment => 503,
            ErrorKind.Internal => 500,
            _ when e.Code is "reviewer-already-decided" or "review-closed" => 409,
            _ => 400,
        };
    }
}
