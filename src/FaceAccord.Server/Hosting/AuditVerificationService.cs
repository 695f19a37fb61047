using FaceAccord.Governance.Audit;
using FaceAccord.Server.Observability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FaceAccord.Server.Hosting;

/// <summary>
/// Recomputes the audit chain once at start and then every <see cref="ObservabilityOptions.AuditVerificationInterval"/>,
/// so the audit gauges (docs/operations.md) always say whether the log is intact and an alert can fire when it is not.
/// </summary>
public sealed partial class AuditVerificationService(AuditLog audit, ServerOptions options, TimeProvider clock, ILogger<AuditVerificationService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Observability.AuditVerificationInterval;
        if (interval == TimeSpan.Zero)
        {
            return;
        }

        await Task.Yield();
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            VerifyOnce();
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void VerifyOnce()
    {
        try
        {
            var result = audit.Verify();
            if (result.Break is { } broken)
            {
                LogBroken(logger, broken.Sequence, result.Count);
            }
            else
            {
                LogIntact(logger, result.Count, result.HeadHashHex);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, EventName = "AuditIntact", Message = "Audit chain intact: {Entries} entries, head {HeadHash}")]
    private static partial void LogIntact(ILogger logger, long entries, string headHash);

    [LoggerMessage(Level = LogLevel.Critical, EventName = "AuditBroken", Message = "Audit chain BROKEN at entry {Sequence} ({Entries} entries verified before it); run 'faceaccord audit verify' for the details")]
    private static partial void LogBroken(ILogger logger, long sequence, long entries);

    [LoggerMessage(Level = LogLevel.Error, EventName = "AuditVerificationFailed", Message = "Audit chain verification could not run; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
