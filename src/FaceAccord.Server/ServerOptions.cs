using FaceAccord.Core;
using FaceAccord.Server.Observability;

namespace FaceAccord.Server;

/// <summary>Limits of the HTTP front end, bound from configuration (section <c>FaceAccord:Server</c>) and checked at start.</summary>
public sealed record ServerOptions
{
    /// <summary>Largest request body accepted; an image larger than this is refused before it is read.</summary>
    public long MaxRequestBytes { get; init; } = 20 * 1024 * 1024;

    /// <summary>Sustained requests per second allowed to one API key.</summary>
    public int RequestsPerSecondPerKey { get; init; } = 50;

    /// <summary>Requests one key may send at once above the sustained rate before it is told to slow down.</summary>
    public int BurstPerKey { get; init; } = 100;

    /// <summary>Requests of one key that wait for a token instead of being refused at once.</summary>
    public int QueuePerKey { get; init; } = 100;

    /// <summary>Failed authentications one client address may make per minute before it is refused (429 auth-rate-limited).</summary>
    public int MaxFailedAuthenticationsPerMinute { get; init; } = 10;

    /// <summary>How often the retention sweeper deletes expired subjects (it also runs once at start); 1 second to 1 day.</summary>
    public TimeSpan RetentionSweepInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Metrics, traces and logs (section <c>Server:Observability</c>).</summary>
    public ObservabilityOptions Observability { get; init; } = new();

    public void Validate()
    {
        Observability.Validate();
        if (MaxRequestBytes < 1024 || RequestsPerSecondPerKey < 1 || BurstPerKey < 1 || QueuePerKey < 0 || MaxFailedAuthenticationsPerMinute < 1)
        {
            throw FaceAccordException.BadInput("config-invalid", "Server limits must be positive (MaxRequestBytes ≥ 1024, MaxFailedAuthenticationsPerMinute ≥ 1).");
        }

        if (RetentionSweepInterval < TimeSpan.FromSeconds(1) || RetentionSweepInterval > TimeSpan.FromDays(1))
        {
            throw FaceAccordException.BadInput("config-invalid", $"RetentionSweepInterval must be between 00:00:01 and 1.00:00:00, not {RetentionSweepInterval}.");
        }
    }
}
