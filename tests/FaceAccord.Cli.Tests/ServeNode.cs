using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using FaceAccord.TestSupport;

namespace FaceAccord.Cli.Tests;

/// <summary>
/// One <c>faceaccord serve --store URI</c> process of the product's executable (built beside the tests) on a free
/// loopback port: a node of a multi-node deployment, killable with SIGKILL. Its output is kept for failure messages.
/// </summary>
internal sealed class ServeNode : IAsyncDisposable
{
    private const string ServingLine = "faceaccord: serving ";

    private readonly Process _process;
    private readonly StringBuilder _log;

    private ServeNode(Process process, Uri address, StringBuilder log)
    {
        _process = process;
        BaseAddress = address;
        _log = log;
    }

    public Uri BaseAddress { get; }

    /// <summary>What the node printed so far, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts a node on <paramref name="store"/> with <paramref name="data"/> (its faceaccord.json and data key); returns once it listens.</summary>
    public static async Task<ServeNode> StartAsync(string data, string store)
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "faceaccord.dll");
        Assert.True(File.Exists(cli), $"the faceaccord executable is built beside the tests, expected at {cli}");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { cli, "serve", "--data", data, "--store", store, "--models", TestModelSources.Data.Root, "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("faceaccord serve did not start.");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new StringBuilder();
        void Read(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (log)
            {
                log.AppendLine(line);
            }

            // "faceaccord: serving <store> (<model>, <n> galleries) at http://127.0.0.1:PORT"
            if (line.StartsWith(ServingLine, StringComparison.Ordinal) && line.LastIndexOf(" at ", StringComparison.Ordinal) is int at and > 0)
            {
                listening.TrySetResult(new Uri(line[(at + 4)..].Split(',')[0].Trim()));
            }
        }

        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("faceaccord serve exited before it listened."));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // Loading the pack takes seconds on two shared cores; a node that never listens fails the test, it never hangs it.
            var address = await listening.Task.WaitAsync(TimeSpan.FromMinutes(3));
            return new ServeNode(process, address, log);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            string said;
            lock (log)
            {
                said = log.ToString();
            }

            process.Dispose();
            throw new InvalidOperationException($"faceaccord serve did not start listening: {e.Message}\n{said}", e);
        }
    }

    /// <summary>An API client of this node for <paramref name="key"/> declaring <paramref name="purpose"/>.</summary>
    public HttpClient Client(string key, string purpose = "identity-verification")
    {
        // Requests that outlive a node (it was killed) fail fast instead of waiting out a long default.
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        client.DefaultRequestHeaders.Add("FaceAccord-Purpose", purpose);
        return client;
    }

    /// <summary>kill -9: no shutdown, no flush; PostgreSQL rolls back whatever transaction the node had open.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
