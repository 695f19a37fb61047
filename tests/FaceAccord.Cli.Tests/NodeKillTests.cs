using Xunit.Abstractions;

namespace FaceAccord.Cli.Tests;

/// <summary>
/// kill -9 of a node during a burst of enrolments on PostgreSQL. Node A takes concurrent enrolments (consent, subject,
/// face) and is killed a seeded delay after its first acknowledged face, so every kill lands inside the burst (an
/// earlier attempt killed nodes before their first write and proved nothing); then it is started again for the next
/// round. Node B identifies all the while. Afterwards every acknowledged subject and face is in the store, every stored
/// subject and face has its audit entry and every audited enrolment its row (nothing half-written), the chain verifies,
/// and node B answered every request.
/// </summary>
public sealed class NodeKillTests(ITestOutputHelper output) : IDisposable
{
    private const int Rounds = 3;
    private const int Workers = 4;
    private const int Seed = 20261205;

    // Kill delays are drawn from this range after the round's first acknowledged face: a few enrolments' worth.
    private const int MaxKillDelayMs = 2000;

    private readonly MultiNodeStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Every_acknowledged_face_survives_kill_9_of_its_node_and_the_other_node_keeps_serving()
    {
        string key = await _store.CreateTenantAsync();
        await using var b = await ServeNode.StartAsync(_store.NodeData("b"), _store.Uri);
        using var onB = b.Client(key);
        var gallery = await NodeApi.CreateGalleryAsync(onB, "doors");

        // Photos the quality rule accepts, found through node B before the burst (a refused photo is no write at all).
        var photos = await NodeApi.UsablePhotosAsync(onB, gallery, Seed);

        // Node B keeps identifying through every round; each answer must be a 200.
        using var done = new CancellationTokenSource();
        var bAnswers = Task.Run(async () =>
        {
            int answered = 0;
            while (!done.IsCancellationRequested)
            {
                Assert.NotEmpty(await NodeApi.IdentifyAsync(onB, gallery, photos[answered % photos.Count], top: 1));
                answered++;
            }

            return answered;
        });

        var random = new Random(Seed);
        var ackedSubjects = new List<Guid>();
        var ackedFaces = new List<Guid>();
        int unanswered = 0;
        var report = new List<string>();
        for (int round = 0; round < Rounds; round++)
        {
            int delay = random.Next(MaxKillDelayMs + 1);
            var (subjects, faces, failed, ackedBeforeKill) = await BurstAndKillAsync(key, gallery, photos, round, delay);
            ackedSubjects.AddRange(subjects);
            ackedFaces.AddRange(faces);
            unanswered += failed;
            report.Add($"round {round}: killed {delay} ms after the first acknowledged face, {ackedBeforeKill} writes acknowledged, {failed} requests cut off");
        }

        await done.CancelAsync();
        int bAnswered = await bAnswers;
        foreach (string line in report)
        {
            output.WriteLine(line);
        }

        output.WriteLine($"{ackedSubjects.Count} subjects and {ackedFaces.Count} faces acknowledged by A, {unanswered} requests cut off by the kills; "
            + $"node B answered {bAnswered} identifications meanwhile");

        // Every kill cut requests off mid-flight (else it proved nothing), and B answered throughout.
        Assert.True(ackedFaces.Count >= Rounds, $"only {ackedFaces.Count} faces were acknowledged before the kills");
        Assert.True(unanswered >= Rounds, $"only {unanswered} requests were in flight at the kills");
        Assert.True(bAnswered > Rounds, $"node B answered only {bAnswered} identifications");
        Assert.Equal(200, (int)(await onB.GetAsync("/readyz")).StatusCode);

        // Every acknowledged write is in the store, nothing is half-written, and the chain verifies.
        _store.AssertPresent(ackedSubjects, ackedFaces);
        _store.AssertNothingHalfWritten();
        await _store.AssertChainIntactAsync();
    }

    /// <summary>
    /// Starts node A, sends <see cref="Workers"/> concurrent streams of enrolments, kills A <paramref name="delayMs"/> after
    /// its first acknowledged face; what A acknowledged, how many requests the kill cut off, and the writes acknowledged before it.
    /// </summary>
    private async Task<(List<Guid> Subjects, List<Guid> Faces, int CutOff, int AckedBeforeKill)> BurstAndKillAsync(
        string key, Guid gallery, List<byte[]> photos, int round, int delayMs)
    {
        var subjects = new List<Guid>();
        var faces = new List<Guid>();
        var inFlight = new InFlight();
        var firstAck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var a = await ServeNode.StartAsync(_store.NodeData("a"), _store.Uri);
        using var onA = new HttpClient(inFlight) { BaseAddress = a.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        onA.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        onA.DefaultRequestHeaders.Add("FaceAccord-Purpose", "identity-verification");

        void Acknowledged(List<Guid> into, Guid id)
        {
            lock (into)
            {
                into.Add(id);
            }

            if (into == faces)
            {
                firstAck.TrySetResult();
            }
        }

        async Task Stream(int worker)
        {
            for (int n = 0; ; n++)
            {
                try
                {
                    string person = $"r{round}-w{worker}-{n}";
                    var subject = await NodeApi.CreateSubjectAsync(onA, gallery, person);
                    Acknowledged(subjects, subject);
                    var response = await NodeApi.EnrollAsync(onA, gallery, subject, photos[(worker + n) % photos.Count]);
                    Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
                    var face = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("faceId").GetGuid();
                    Acknowledged(faces, face);
                }
                catch (HttpRequestException) when (inFlight.Killed)
                {
                    return; // The node was killed under this request: not acknowledged, so nothing is promised about it.
                }
            }
        }

        // One identification first, so the burst meets a warm pipeline rather than the model's first run.
        await NodeApi.IdentifyAsync(onA, gallery, photos[0], top: 1);
        var streams = Enumerable.Range(0, Workers).Select(w => Task.Run(() => Stream(w))).ToArray();
        await firstAck.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await Task.Delay(delayMs);
        int ackedBeforeKill;
        lock (subjects)
        {
            lock (faces)
            {
                ackedBeforeKill = subjects.Count + faces.Count;
            }
        }

        int cutOff = inFlight.Kill();
        await a.KillAsync();
        await Task.WhenAll(streams);
        return (subjects, faces, cutOff, ackedBeforeKill);
    }

    /// <summary>Counts the requests on their way to node A, so a kill knows how many it cuts off.</summary>
    private sealed class InFlight() : DelegatingHandler(new HttpClientHandler())
    {
        private int _count;
        private volatile bool _killed;

        public bool Killed => _killed;

        /// <summary>Marks the node killed from now on; the requests in flight at this moment.</summary>
        public int Kill()
        {
            _killed = true;
            return Volatile.Read(ref _count);
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }
}
