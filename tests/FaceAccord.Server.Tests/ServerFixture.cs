using System.Net.Http.Headers;
using FaceAccord.Governance.Audit;
using FaceAccord.Service;
using FaceAccord.Service.Consents;
using FaceAccord.Service.Enrolment;
using FaceAccord.Service.Galleries;
using FaceAccord.Service.Identification;
using FaceAccord.Service.Recognition;
using FaceAccord.Service.Reports;
using FaceAccord.Service.Reviews;
using FaceAccord.Service.Safeguards;
using FaceAccord.Service.Tenants;
using FaceAccord.Storage;
using FaceAccord.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAccord.Server.Tests;

/// <summary>
/// The real server on a loopback port, over a fresh store in a temporary data directory, with the model pack of
/// <c>$FACEACCORD_HOME</c>. Two tenants, so isolation can be tested. Its services are those the server runs.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public string DataRoot { get; } = Path.Combine(Path.GetTempPath(), "faceaccord-server-tests-" + Guid.NewGuid().ToString("N"));

    public Uri BaseAddress { get; private set; } = null!;

    public string KeyA { get; private set; } = "";

    public string KeyB { get; private set; } = "";

    public Guid TenantA { get; private set; }

    /// <summary>Tenant A acting in-process, as the CLI does (key id "cli").</summary>
    public RequestContext ContextA { get; private set; } = null!;

    /// <summary>A tenant of sector testing, for the independent-testing API.</summary>
    public string KeyTester { get; private set; } = "";

    public Guid TenantTester { get; private set; }

    public IServiceProvider Services => _app!.Services;

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public RecognitionEngine Recognition => Get<RecognitionEngine>();

    public TenantService Tenants => Get<TenantService>();

    public AuditLog Audit => Get<AuditLog>();

    public IFaceAccordStore Store => Get<IFaceAccordStore>();

    public GalleryService Galleries => Get<GalleryService>();

    public EnrolmentService Enrolment => Get<EnrolmentService>();

    public IdentificationService Identification => Get<IdentificationService>();

    public ConsentService Consents => Get<ConsentService>();

    public ReviewService Reviews => Get<ReviewService>();

    public ReportService Reports => Get<ReportService>();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataRoot);
        // Every test of this shared server comes from 127.0.0.1, so wrong keys of unrelated tests (API and console sign-in
        // alike) must not add up to a block; ApiKeyLifecycleTests checks the limit on a server of its own.
        _app = FaceAccordServer.Build(Settings(DataRoot), new ServerOptions { RequestsPerSecondPerKey = 1000, BurstPerKey = 2000, MaxFailedAuthenticationsPerMinute = 1000 },
            "http://127.0.0.1:0");
        await Recognition.LoadAsync();
        (var a, KeyA) = Tenants.Create("Tenant A", "commercial", "US", "US-CA", "Oakland");
        (_, KeyB) = Tenants.Create("Tenant B", "commercial", "DE", "DE-BE", "Berlin");
        TenantA = a.Id;
        ContextA = new RequestContext(a, "cli", "identity-verification");
        (var tester, KeyTester) = Tenants.Create("Test Lab", "testing", "US", "US-WA", "Seattle");
        TenantTester = tester.Id;
        Get<GalleryIndexes>().LoadAll();
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());
    }

    /// <summary>Settings of a store in <paramref name="root"/> with the installed pack, one thread per model run.</summary>
    public static FaceAccordSettings Settings(string root) => new(root, TestModelSources.Data)
    {
        Pipeline = new Vision.PipelineOptions { Inference = new Models.Runtime.InferenceOptions { IntraOpThreads = 1 } },
    };

    /// <summary>A second server over its own store in <paramref name="root"/>, sharing this one's loaded engine, on <paramref name="clock"/>.</summary>
    public WebApplication Another(string root, Action<IServiceCollection>? configure = null, TimeProvider? clock = null, ServerOptions? options = null) =>
        FaceAccordServer.Build(Settings(root) with { Clock = clock ?? TimeProvider.System },
            options ?? new ServerOptions { RequestsPerSecondPerKey = 1000, BurstPerKey = 2000 }, "http://127.0.0.1:0", null, services =>
        {
            services.AddSingleton(Recognition);
            configure?.Invoke(services);
        });

    /// <summary>A tenant's in-process request context (key id "cli").</summary>
    public RequestContext Context(Core.Tenant tenant, string purpose = "identity-verification") => new(tenant, AuditRecord.CliKeyId, purpose);

    public HttpClient Client(string? key, string? purpose = "identity-verification")
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (purpose is not null)
        {
            client.DefaultRequestHeaders.Add("FaceAccord-Purpose", purpose);
        }

        return client;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(DataRoot, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "server";
}
