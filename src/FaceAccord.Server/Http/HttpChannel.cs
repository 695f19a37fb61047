using FaceAccord.Core;
using FaceAccord.Service.Safeguards;
using Microsoft.AspNetCore.Http;

namespace FaceAccord.Server.Http;

/// <summary>
/// The HTTP API's conventions for a request's audit entry: the status a success or error becomes (the same mapping the
/// error handler answers with), and a mark on the request once its entry is sealed, so the request audit adds none.
/// </summary>
public sealed class HttpChannel(HttpContext http) : RequestChannel
{
    private const string SealedKey = "faceaccord.sealed";

    public override string Name => "http";

    /// <summary>Whether an operation already sealed the entry of this request.</summary>
    public static bool IsSealed(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items.ContainsKey(SealedKey);
    }

    public override int StatusOf(OperationOutcome outcome) => outcome switch
    {
        OperationOutcome.Created => StatusCodes.Status201Created,
        OperationOutcome.Accepted => StatusCodes.Status202Accepted,
        OperationOutcome.Deleted => StatusCodes.Status204NoContent,
        _ => StatusCodes.Status200OK,
    };

    public override int StatusOf(Exception error) =>
        error is FaceAccordException e ? Problems.StatusFor(e) : StatusCodes.Status500InternalServerError;

    public override void Sealed() => http.Items[SealedKey] = true;

    /// <summary>Marks a refusal the request audit must not record (repeats of a refusal already recorded).</summary>
    public static void MarkUnaudited(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Items[SealedKey] = true;
    }
}
