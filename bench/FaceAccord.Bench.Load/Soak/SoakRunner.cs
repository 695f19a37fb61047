using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace FaceAccord.Bench.Load.Soak;

/// <summary>What a soak run recorded: every request, the RSS samples, and the operations it could not start on time.</summary>
public sealed record SoakRun(IReadOnlyList<RequestRecord> Records, IReadOnlyList<RssSample> Samples, IReadOnlyList<string> FailureSamples, int Started, int Behind, TimeSpan Elapsed);

/// <summary>
/// Mixed traffic at a steady rate: one operation is due every 1/rate seconds (an open loop, so a slow server does not
/// slow the offered load), each drawn from <see cref="SoakOperation.Mix"/> with the run's seed; at most
/// <see cref="SoakSettings.MaxInFlight"/> run at once, and a due operation that finds them all busy is counted as
/// behind, not queued. Beside it the server's RSS is sampled every few seconds.
/// </summary>
public sealed class SoakRunner(ApiClient api, LoadGallery gallery, SoakSettings settings)
{
    private const int MaxFailureSamples = 20;

    private readonly ConcurrentQueue<RequestRecord> _records = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly ChurnPool _pool = new();
    private long _answered;

    public async Task<SoakRun> RunAsync(CancellationToken ct)
    {
        var random = new Random(settings.Seed);
        var duration = TimeSpan.FromSeconds(settings.DurationSeconds);
        using var slots = new SemaphoreSlim(settings.MaxInFlight);
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var clock = Stopwatch.StartNew();
        var samples = new List<RssSample>();
        var sampler = SampleAsync(clock, samples, stopSampling.Token);
        var running = new List<Task>();
        int started = 0, behind = 0;
        for (long n = 0; ; n++)
        {
            var due = TimeSpan.FromSeconds(n / settings.OperationsPerSecond);
            if (due >= duration)
            {
                break;
            }

            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, ct).ConfigureAwait(false);
            }

            // Every choice is drawn here, in order, so the same seed offers the same traffic whatever the timing.
            string operation = SoakOperation.Pick(random);
            var choices = new Random(random.Next());
            if (!await slots.WaitAsync(0, ct).ConfigureAwait(false))
            {
                behind++;
                continue;
            }

            started++;
            long number = n;
            running.Add(Task.Run(async () =>
            {
                try
                {
                    await RunOneAsync(operation, number, choices, ct).ConfigureAwait(false);
                }
                finally
                {
                    slots.Release();
                }
            }, ct));
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        await stopSampling.CancelAsync().ConfigureAwait(false);
        await sampler.ConfigureAwait(false);
        return new SoakRun([.. _records], samples, [.. _failures], started, behind, elapsed);
    }

    private async Task RunOneAsync(string operation, long number, Random choices, CancellationToken ct)
    {
        switch (operation)
        {
            case SoakOperation.Identify:
                var probe = gallery.Probes.IdentifyProbe(choices);
                await TimedAsync(operation, () => api.IdentifyAsync(gallery.GalleryId, probe.Image, ct), ct).ConfigureAwait(false);
                break;
            case SoakOperation.Verify:
                var (a, b, _) = gallery.Probes.VerifyPair(choices);
                await TimedAsync(operation, () => api.VerifyAsync(a, b, ct), ct).ConfigureAwait(false);
                break;
            case SoakOperation.Erase when _pool.Take(choices) is { } person:
                await TimedAsync(operation, () => api.EraseAsync(person.ExternalId, ct), ct).ConfigureAwait(false);
                break;
            case SoakOperation.Withdraw when _pool.Take(choices) is { } person:
                await TimedAsync(operation, () => api.WithdrawConsentAsync(person.Consent, ct), ct).ConfigureAwait(false);
                break;
            default:
                // An enrolment, or an erasure or withdrawal that found nobody to remove yet.
                await EnrolAsync(number, expiring: operation == SoakOperation.EnrolExpiring, choices, ct).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Consent, subject and face, as a client enrols a person; people on a consent that ends soon are left to the retention sweep.</summary>
    private async Task EnrolAsync(long number, bool expiring, Random choices, CancellationToken ct)
    {
        string person = $"soak-{settings.Seed}-{number}";
        DateTimeOffset? ends = expiring ? DateTimeOffset.UtcNow.AddSeconds(settings.ConsentSeconds) : null;
        var consent = await TimedAsync("enrol: consent", () => api.RecordConsentAsync(person, ends, ct), ct, readId: true).ConfigureAwait(false);
        if (consent is not { } consentId)
        {
            return;
        }

        var subject = await TimedAsync("enrol: subject", () => api.CreateConsentedSubjectAsync(gallery.GalleryId, person, consentId, ct), ct, readId: true)
            .ConfigureAwait(false);
        if (subject is not { } subjectId)
        {
            return;
        }

        byte[] image = gallery.Probes.EnrolledImage(choices);
        await TimedAsync("enrol: face", () => api.EnrollAsync(gallery.GalleryId, subjectId, image, ct), ct).ConfigureAwait(false);
        if (!expiring)
        {
            _pool.Add(new ChurnPerson(person, consentId));
        }
    }

    /// <summary>Sends one request and records its status and latency; the created id when asked for and answered 201.</summary>
    private async Task<Guid?> TimedAsync(string operation, Func<Task<HttpResponseMessage>> send, CancellationToken ct, bool readId = false)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await send().ConfigureAwait(false);
            Guid? id = readId ? await ApiClient.IdOfCreatedAsync(response, ct).ConfigureAwait(false) : null;
            string body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            Record(new RequestRecord(operation, (int)response.StatusCode, clock.Elapsed.TotalMilliseconds, null, null), body);
            return id;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            Record(new RequestRecord(operation, 0, clock.Elapsed.TotalMilliseconds, null, "timeout"), "");
        }
        catch (HttpRequestException e)
        {
            Record(new RequestRecord(operation, 0, clock.Elapsed.TotalMilliseconds, null, e.GetType().Name), e.Message);
        }

        return null;
    }

    private void Record(RequestRecord record, string body)
    {
        _records.Enqueue(record);
        Interlocked.Increment(ref _answered);

        // A refused enrolment (422, the quality rule) is an answer the API promises; a 5xx or no answer is a failure.
        bool expected = record.Status is >= 200 and < 300 || (record.Status == (int)HttpStatusCode.UnprocessableEntity && record.Operation == "enrol: face");
        if (!expected && _failures.Count < MaxFailureSamples)
        {
            _failures.Enqueue($"{record.Operation}: {(record.Status == 0 ? record.Error : record.Status)} {body[..Math.Min(body.Length, 200)]}");
        }
    }

    private async Task SampleAsync(Stopwatch clock, List<RssSample> samples, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.SampleSeconds));
        do
        {
            if (ProcessRss.MiB(settings.ServerPid) is not { } rss)
            {
                return; // the server is gone: the report says so through its missing samples and failed requests
            }

            samples.Add(new RssSample(clock.Elapsed.TotalSeconds, rss, Interlocked.Read(ref _answered), _pool.Count));
        }
        while (await Tick(timer, ct).ConfigureAwait(false));
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
