namespace FaceAccord.Models.Sources;

/// <summary>
/// A cross-process lock on a file, so two processes installing the same thing (parallel test runs,
/// a server and a CLI) never interleave their writes.
/// </summary>
public sealed class InstallLock : IAsyncDisposable
{
    private readonly FileStream _stream;

    private InstallLock(FileStream stream) => _stream = stream;

    /// <summary>Waits (up to 30 minutes) until this process holds the lock file exclusively.</summary>
    public static async Task<InstallLock> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(30);
        while (true)
        {
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
                return new InstallLock(stream);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
