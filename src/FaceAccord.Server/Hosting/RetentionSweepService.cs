using FaceAccord.Service.Retention;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FaceAccord.Server.Hosting;

/// <summary>
/// Runs the retention sweeper once when the server starts and then every <see cref="ServerOptions.RetentionSweepInterval"/>,
/// so expired faces leave the disk without an operator; a failed sweep is logged and retried at the next tick.
/// </summary>
public sealed partial class RetentionSweepService(RetentionSweeper sweeper, ServerOptions options, TimeProvider clock, ILogger<RetentionSweepService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: the server answers while the first sweep runs.
        await Task.Yield();
        using var timer = new PeriodicTimer(options.RetentionSweepInterval, clock);
        do
        {
            SweepOnce();
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

    private void SweepOnce()
    {
        try
        {
            RetentionSweep sweep = sweeper.Sweep();
            if (sweep.Skipped)
            {
                LogSkipped(logger);
            }
            else if (sweep.Subjects > 0)
            {
                LogSwept(logger, sweep.Subjects, sweep.Faces, sweep.Galleries);
            }

            if (sweep.ProbeCrops > 0)
            {
                LogCropsSwept(logger, sweep.ProbeCrops, sweep.ReviewCases);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention sweep deleted {Subjects} expired subject(s) with {Faces} face(s) in {Galleries} gallery(ies)")]
    private static partial void LogSwept(ILogger logger, int subjects, int faces, int galleries);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention sweep deleted {Crops} probe crop(s) of {Cases} decided review case(s)")]
    private static partial void LogCropsSwept(ILogger logger, int crops, int cases);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Retention sweep skipped: another node of the shared store is sweeping this round")]
    private static partial void LogSkipped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention sweep failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
