using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace FaceAccord.Cli.Tests;

/// <summary>
/// PostgreSQL restarted under load (a cluster of the test's own): two nodes take concurrent enrolments while the server
/// is stopped and started again. While it is down each node's /readyz answers 503 and every request a 503
/// <c>store-unavailable</c> problem, never a 500 and never a hang; once it is back both nodes answer 200 and acknowledge
/// writes again without a restart; afterwards every acknowledged write is in the store, nothing is half-written and the
/// chain verifies.
/// </summary>
public sealed class PostgresRestartTests : IDisposable
{
    private const int StreamsPerNode = 2;

    // Answers each node must give while the server is down, so the outage spans many requests, not one.
    private const int OutageAnswersPerNode = 10;

    // A request that takes longer than this is a hang (the store's connect timeout is 5 s).
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    // How long the test waits for a phase to be reached before it fails, rather than waits for ever.
    private static readonly TimeSpan PhaseLimit = TimeSpan.FromMinutes(2);

    private readonly PrivatePostgres _postgres;
    private readonly MultiNodeStore _store;

    private readonly ITestOutputHelper _output;

    public PostgresRestartTests(ITestOutputHelper output)
    {
        _output = output;
        _postgres = new PrivatePostgres();
        _store = new MultiNodeStore(_postgres.Uri);
    }

    private enum Phase
    {
        Up,
        Down,
        Back,
    }

    public void Dispose()
    {
        _store.Dispose();
        _postgres.Dispose();
    }

    [Fact]
    public async Task Nodes_answer_503_while_postgres_is_down_and_recover_by_themselves_losing_no_acknowledged_write()
    {
        string key = await _store.CreateTenantAsync();
        await using var a = await ServeNode.StartAsync(_store.NodeData("a"), _store.Uri);
        await using var b = await ServeNode.StartAsync(_store.NodeData("b"), _store.Uri);
        using var onA = Client(a, key);
        using var onB = Client(b, key);
        var gallery = await NodeApi.CreateGalleryAsync(onA, "doors");
        var photos = await NodeApi.UsablePhotosAsync(onA, gallery, seed: 12);

        var phase = Phase.Up;
        var answers = new ConcurrentBag<(string Node, Phase Phase, int Status, string? Problem, double Ms)>();
        var subjects = new ConcurrentBag<Guid>();
        var faces = new ConcurrentBag<(string Node, Phase Phase, Guid Id)>();
        using var stop = new CancellationTokenSource();

        // One request; a 2xx body, or null after recording anything else. A hang or a broken connection fails the test.
        async Task<JsonElement?> Send(string node, HttpClient client, Func<HttpClient, Task<HttpResponseMessage>> request)
        {
            var seen = phase;
            var clock = Stopwatch.StartNew();
            using var response = await request(client);
            string body = await response.Content.ReadAsStringAsync();
            string? problem = response.IsSuccessStatusCode ? null
                : response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? JsonDocument.Parse(body).RootElement.GetProperty("type").GetString()
                : $"(not problem+json) {body[..Math.Min(body.Length, 200)]}";
            answers.Add((node, seen, (int)response.StatusCode, problem, clock.Elapsed.TotalMilliseconds));
            return response.IsSuccessStatusCode ? JsonDocument.Parse(body).RootElement : null;
        }

        async Task Stream(string node, HttpClient client, int worker)
        {
            for (int n = 0; !stop.IsCancellationRequested; n++)
            {
                string person = $"{node}{worker}-{n}";
                var consent = await Send(node, client, c => c.PostAsJsonAsync("/v1/consents", new
                {
                    subjectExternalId = person,
                    purposes = new[] { "identity-verification" },
                    noticeVersion = "notice-1",
                    noticeText = "We keep a template of your face to let you in.",
                    signatureMethod = "electronic-signature",
                    evidenceReference = "signature-" + person,
                }));
                if (consent is null)
                {
                    continue;
                }

                var subject = await Send(node, client, c => c.PostAsJsonAsync($"/v1/galleries/{gallery}/subjects", new
                {
                    externalId = person,
                    legalBasis = new { type = "consent", reference = consent.Value.GetProperty("id").GetString() },
                }));
                if (subject is null)
                {
                    continue;
                }

                var subjectId = subject.Value.GetProperty("id").GetGuid();
                subjects.Add(subjectId);
                var seen = phase;
                var face = await Send(node, client, c => NodeApi.EnrollAsync(c, gallery, subjectId, photos[(worker + n) % photos.Count]));
                if (face is not null)
                {
                    faces.Add((node, seen, face.Value.GetProperty("faceId").GetGuid()));
                }
            }
        }

        var streams = Enumerable.Range(0, StreamsPerNode)
            .SelectMany(w => new[] { Task.Run(() => Stream("a", onA, w)), Task.Run(() => Stream("b", onB, w)) })
            .ToArray();
        await Until(() => faces.Count(f => f.Phase == Phase.Up) >= 2, "faces acknowledged before the restart");

        // Down: both nodes say so at once, and the load meets 503 store-unavailable on both.
        _postgres.Stop();
        phase = Phase.Down;
        var down = Stopwatch.StartNew();
        foreach (var node in new[] { onA, onB })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await node.GetAsync("/readyz")).StatusCode);
        }

        await Until(() => new[] { "a", "b" }.All(n => answers.Count(x => x.Node == n && x.Phase == Phase.Down && x.Status == 503) >= OutageAnswersPerNode),
            "503s from both nodes while down");
        double downFor = down.Elapsed.TotalSeconds;

        // Back: both nodes ready again by themselves, and acknowledging writes.
        _postgres.Start();
        var back = Stopwatch.StartNew();
        phase = Phase.Back;
        foreach (var node in new[] { onA, onB })
        {
            await Until(async () => (await node.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, "/readyz 200 after the restart");
        }

        double readyAfter = back.Elapsed.TotalMilliseconds;
        await Until(() => new[] { "a", "b" }.All(n => faces.Count(f => f.Node == n && f.Phase == Phase.Back) >= 2), "faces acknowledged by both nodes after the restart");
        await stop.CancelAsync();
        await Task.WhenAll(streams);

        var byPhase = answers.GroupBy(x => x.Phase).ToDictionary(g => g.Key, g => g.ToList());
        var outage = byPhase[Phase.Down].Where(x => x.Status == 503).Select(x => x.Ms).Order().ToList();
        _output.WriteLine($"down {downFor:0.0} s: {byPhase[Phase.Down].Count} answers during the outage, {outage.Count} of them 503 "
            + $"(p50 {outage[outage.Count / 2]:0} ms, max {outage[^1]:0} ms); both /readyz 200 {readyAfter:0} ms after the server was back; "
            + $"{subjects.Count} subjects and {faces.Count} faces acknowledged ({faces.Count(f => f.Phase == Phase.Back)} after the restart), "
            + $"{answers.Count(x => x.Status == 503)} 503s in all");

        if (answers.Any(x => x.Status >= 500 && x.Status != 503))
        {
            _output.WriteLine("node a:\n" + a.Log + "\nnode b:\n" + b.Log);
        }

        // Never a 500: every answer was a success or a 503 store-unavailable problem.
        Assert.All(answers, x => Assert.True(
            x.Status is >= 200 and < 300 || (x.Status == 503 && x.Problem == "urn:faceaccord:problem:store-unavailable"),
            $"node {x.Node} answered {x.Status} {x.Problem} while {x.Phase}"));

        _store.AssertPresent(subjects, faces.Select(f => f.Id));
        _store.AssertNothingHalfWritten();
        await _store.AssertChainIntactAsync();
    }

    private static HttpClient Client(ServeNode node, string key)
    {
        var client = node.Client(key);
        client.Timeout = Hang;
        return client;
    }

    private static Task Until(Func<bool> condition, string what) => Until(() => Task.FromResult(condition()), what);

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var limit = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(limit.Elapsed < PhaseLimit, $"not reached within {PhaseLimit}: {what}");
            await Task.Delay(100);
        }
    }
}
