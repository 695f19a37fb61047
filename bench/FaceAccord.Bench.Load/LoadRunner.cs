using System.Diagnostics;
using System.Text.Json;

namespace FaceAccord.Bench.Load;

/// <summary>Every request of a run and how long the run took, from the first request to the last answer.</summary>
public sealed record LoadRun(IReadOnlyList<RequestRecord> Records, TimeSpan Elapsed);

/// <summary>
/// The timed phase: each client keeps one request in flight until the duration ends, choosing verify or
/// identify at random (seeded per client) and timing the request up to the last byte of its answer.
/// </summary>
public static class LoadRunner
{
    public static async Task<LoadRun> RunAsync(ApiClient api, LoadGallery gallery, LoadSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var duration = TimeSpan.FromSeconds(settings.DurationSeconds);
        var clock = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, settings.Clients)
            .Select(i => Task.Run(() => ClientAsync(api, gallery, new Random(unchecked((settings.Seed * 1_000_003) + i)), clock, duration, ct), ct));
        var perClient = await Task.WhenAll(clients).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        return new LoadRun([.. perClient.SelectMany(r => r)], elapsed);
    }

    private static async Task<List<RequestRecord>> ClientAsync(
        ApiClient api, LoadGallery gallery, Random random, Stopwatch clock, TimeSpan duration, CancellationToken ct)
    {
        var records = new List<RequestRecord>();
        while (clock.Elapsed < duration)
        {
            records.Add(random.NextDouble() < LoadSettings.VerifyShare
                ? await VerifyAsync(api, gallery.Probes.VerifyPair(random), ct).ConfigureAwait(false)
                : await IdentifyAsync(api, gallery, gallery.Probes.IdentifyProbe(random), ct).ConfigureAwait(false));
        }

        return records;
    }

    private static Task<RequestRecord> VerifyAsync(ApiClient api, (byte[] A, byte[] B, bool Same) pair, CancellationToken ct) =>
        TimeAsync(RequestRecord.Verify, () => api.VerifyAsync(pair.A, pair.B, ct),
            json => json.GetProperty("match").GetBoolean() == pair.Same, ct);

    private static Task<RequestRecord> IdentifyAsync(ApiClient api, LoadGallery gallery, (byte[] Image, string Name) probe, CancellationToken ct) =>
        TimeAsync(RequestRecord.Identify, () => api.IdentifyAsync(gallery.GalleryId, probe.Image, ct),
            json => json.GetProperty("candidates") is var c && c.GetArrayLength() > 0 && c[0].GetProperty("externalId").GetString() == probe.Name, ct);

    private static async Task<RequestRecord> TimeAsync(string operation, Func<Task<HttpResponseMessage>> send, Func<JsonElement, bool> judge, CancellationToken ct)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await send().ConfigureAwait(false);
            byte[] body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            int status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                // The problem's code (e.g. rate-limited) says more than the status alone.
                return new RequestRecord(operation, status, ms, null, ProblemCode(body));
            }

            return new RequestRecord(operation, status, ms, Judge(body, judge, out string? error), error);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new RequestRecord(operation, 0, Stopwatch.GetElapsedTime(start).TotalMilliseconds, null, "timeout");
        }
        catch (HttpRequestException e)
        {
            return new RequestRecord(operation, 0, Stopwatch.GetElapsedTime(start).TotalMilliseconds, null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Whether a 2xx answer agrees with the truth; an answer of another shape is an error, since a client could not use it.</summary>
    private static bool? Judge(byte[] body, Func<JsonElement, bool> judge, out string? error)
    {
        error = null;
        try
        {
            using var json = JsonDocument.Parse(body);
            return judge(json.RootElement);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            error = $"unexpected answer: {e.Message}";
            return null;
        }
    }

    private static string? ProblemCode(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
