namespace FaceAccord.WebConsole;

/// <summary>
/// How long a console session lives: it ends after <see cref="IdleTimeout"/> without a request and, however busy, after
/// <see cref="AbsoluteLifetime"/>, so a browser left signed in on a shared desk does not keep a reviewer's powers.
/// </summary>
public sealed record ConsoleOptions
{
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(20);

    public TimeSpan AbsoluteLifetime { get; init; } = TimeSpan.FromHours(8);

    /// <summary>Most audit entries one page of the audit browser shows (newest first).</summary>
    public int AuditPageSize { get; init; } = 200;
}
