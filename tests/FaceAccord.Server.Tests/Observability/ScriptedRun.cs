using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using FaceAccord.Core.Telemetry;
using FaceAccord.Service.Recognition;
using FaceAccord.Service.Tenants;
using FaceAccord.Storage;
using FaceAccord.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FaceAccord.Server.Tests.Observability;

/// <summary>
/// One end-to-end run on a server of its own, with every log event of every level captured and FaceAccord's
/// activities recorded: two people enrolled (subject and face each), a photo too small to enrol, two identifications,
/// a verification denied by policy, a deletion; then <c>/metrics</c> is read. What it used (keys, external ids,
/// images, templates) is kept so the tests can look for it in the logs.
/// </summary>
public sealed class ScriptedRun : IAsyncLifetime
{
    private readonly ActivityListener _listener;
    private WebApplication? _app;

    public ScriptedRun()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == FaceAccordTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => Activities.Add(a),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public string DataRoot { get; } = Path.Combine(Path.GetTempPath(), "faceaccord-observability-" + Guid.NewGuid().ToString("N"));

    public LogCapture Logs { get; } = new();

    public ConcurrentBag<Activity> Activities { get; } = [];

    public List<string> Secrets { get; } = [];

    public List<string> ExternalIds { get; } = [];

    public List<byte[]> Images { get; } = [];

    public List<float[]> Templates { get; } = [];

    public string MetricsText { get; private set; } = "";

    public long AuditEntries { get; private set; }

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataRoot);
        _app = FaceAccordServer.Build(ServerFixture.Settings(DataRoot), new ServerOptions { RequestsPerSecondPerKey = 1000, BurstPerKey = 2000 }, "http://127.0.0.1:0", null, services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            services.Configure<LoggerFilterOptions>(o => o.Rules.Add(new LoggerFilterRule(typeof(LogCapture).FullName, null, LogLevel.Trace, null)));
        });
        await _app.Services.GetRequiredService<RecognitionEngine>().LoadAsync();
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());
        var tenants = _app.Services.GetRequiredService<TenantService>();
        var (_, key) = tenants.Create("Shop", "commercial", "US", "US-CA", "Oakland");
        var (_, policeKey) = tenants.Create("Police", "law-enforcement", "US", "US-TX", "Austin");
        Secrets.AddRange([key, policeKey]);

        using var shop = Client(key, "identity-verification");
        var gallery = await Api.CreateGalleryAsync(shop, "observed");
        var subjects = new List<Guid>();
        foreach (string person in new[] { "Colin_Powell", "Serena_Williams" })
        {
            string externalId = $"{person.ToLowerInvariant()}-{Guid.NewGuid():N}";
            ExternalIds.Add(externalId);
            var subject = await Api.CreateSubjectAsync(shop, gallery, externalId);
            subjects.Add(subject);
            byte[] image = Image(person, 1);
            var enrolled = await Api.EnrollAsync(shop, gallery, subject, image);
            Assert.True(enrolled.StatusCode == HttpStatusCode.Created, await enrolled.Content.ReadAsStringAsync());
        }

        byte[] tiny = TinyCopy(TestPaths.Lfw("Colin_Powell", 3), 72);
        Images.Add(tiny);
        await Api.AssertProblemAsync(await Api.EnrollAsync(shop, gallery, subjects[0], tiny), HttpStatusCode.UnprocessableEntity, "quality-refused");

        foreach (string person in new[] { "Colin_Powell", "Serena_Williams" })
        {
            var found = await Api.IdentifyAsync(shop, gallery, Image(person, 2), "fpir=1&top=1");
            Assert.Single(found.GetProperty("candidates").EnumerateArray());
        }

        using var police = Client(policeKey, "investigative-lead");
        var denied = await police.PostAsync("/v1/verify", Api.Form(("imageA", Image("Colin_Powell", 4)), ("imageB", Image("Colin_Powell", 5))));
        await Api.AssertProblemAsync(denied, HttpStatusCode.Forbidden, "policy-denied");

        var store = _app.Services.GetRequiredService<IFaceAccordStore>();
        Templates.AddRange(store.ReadGalleryFaces(gallery).Select(f => f.Template));
        var deleted = await shop.DeleteAsync($"/v1/galleries/{gallery}/subjects/{subjects[1]}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var anonymous = new HttpClient { BaseAddress = BaseAddress };
        var metrics = await anonymous.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        MetricsText = await metrics.Content.ReadAsStringAsync();
        AuditEntries = _app.Services.GetRequiredService<Governance.Audit.AuditLog>().Export().LongCount();
    }

    public HttpClient Client(string key, string purpose)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        client.DefaultRequestHeaders.Add("FaceAccord-Purpose", purpose);
        return client;
    }

    public async Task DisposeAsync()
    {
        _listener.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(DataRoot, recursive: true);
    }

    private byte[] Image(string person, int number)
    {
        byte[] bytes = File.ReadAllBytes(TestPaths.Lfw(person, number));
        Images.Add(bytes);
        return bytes;
    }

    private static byte[] TinyCopy(string path, int size)
    {
        using var bitmap = SkiaSharp.SKBitmap.Decode(path);
        using var small = bitmap.Resize(new SkiaSharp.SKImageInfo(size, size), new SkiaSharp.SKSamplingOptions(SkiaSharp.SKFilterMode.Linear));
        using var image = SkiaSharp.SKImage.FromBitmap(small);
        return image.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 90).ToArray();
    }
}

/// <summary>Tests that watch the whole process (its meters, activity listeners and logs) run alone, after the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ObservabilityCollection : ICollectionFixture<ScriptedRun>
{
    public const string Name = "observability";
}
