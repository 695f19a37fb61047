using FaceAccord.WebConsole.Sessions;

namespace FaceAccord.WebConsole.Pages;

/// <summary>
/// What every page's frame needs: who is signed in (null on the sign-in page), the antiforgery field every form posts,
/// and a notice or error to say at the top of the page.
/// </summary>
public sealed record PageFrame(ConsoleSession? Session, string TokenField, string Token, string? Notice = null, string? Error = null);
