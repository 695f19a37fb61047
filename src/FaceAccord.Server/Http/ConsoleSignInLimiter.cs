using FaceAccord.WebConsole.Sessions;
using Microsoft.AspNetCore.Http;

namespace FaceAccord.Server.Http;

/// <summary>The console's sign-in form counted by the same <see cref="AuthFailureLimiter"/> as API keys, under the same address.</summary>
public sealed class ConsoleSignInLimiter(AuthFailureLimiter limiter) : ISignInFailureLimiter
{
    public string AddressOf(HttpContext http) => Problems.ClientAddressOf(http) ?? "unknown";

    public bool IsBlocked(string address, out bool firstRefusal) => limiter.IsBlocked(address, out firstRefusal);

    public void RecordFailure(string address) => limiter.RecordFailure(address);
}
