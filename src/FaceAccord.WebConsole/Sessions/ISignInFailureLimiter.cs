using Microsoft.AspNetCore.Http;

namespace FaceAccord.WebConsole.Sessions;

/// <summary>
/// The server's per-address count of failed authentications, as the console's sign-in form sees it: a wrong key typed
/// into the form counts like a wrong key sent to the API, and an address blocked for either is blocked for both.
/// </summary>
public interface ISignInFailureLimiter
{
    /// <summary>The address failures are counted under.</summary>
    string AddressOf(HttpContext http);

    /// <summary>Whether the address is refused now; <paramref name="firstRefusal"/> for the one refusal of a spell the audit log records.</summary>
    bool IsBlocked(string address, out bool firstRefusal);

    void RecordFailure(string address);
}
