using FaceAccord.Core;

namespace FaceAccord.Models.Sources;

/// <summary>Turns "no space left on device" anywhere in an install step into one clear sentence.</summary>
public static class DiskSpace
{
    private const int ENOSPC = 28;
    private const int ErrorDiskFull = 0x70;

    public static async Task<T> GuardAsync<T>(string directory, Func<Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (IOException e) when (IsDiskFull(e))
        {
            throw FaceAccordException.Environment(
                "disk-full",
                $"The disk holding {directory} is full; free some space and run the command again.",
                e);
        }
    }

    internal static bool IsDiskFull(IOException e) =>
        (e.HResult & 0xFFFF) is ENOSPC or ErrorDiskFull || e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase);
}
