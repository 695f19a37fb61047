using System.Net.Http.Headers;
using FaceAccord.Models;
using FaceAccord.Service;
using FaceAccord.TestSupport;
using Microsoft.AspNetCore.Builder;

namespace FaceAccord.Server.Tests;

/// <summary>
/// The real server on a loopback port, over a fresh store in a temporary data directory that borrows the
/// installed model pack. Two tenants, so isolation can be tested.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public string DataRoot { get; } = Path.Combine(Path.GetTempPath(), "faceaccord-server-tests-" + Guid.NewGuid().ToString("N"));

    public FaceService Service { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public string KeyA { get; private set; } = "";

    public string KeyB { get; private set; } = "";

    public Guid TenantA { get; private set; }

    /// <summary>Tenant A acting in-process, as the CLI does (key id "cli").</summary>
    public Service.Safeguards.RequestContext ContextA { get; private set; } = null!;

    /// <summary>A tenant of sector testing, for the independent-testing API.</summary>
    public string KeyTester { get; private set; } = "";

    public Guid TenantTester { get; private set; }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataRoot);
        _ = TestPack.Installed;
        Directory.CreateSymbolicLink(Path.Combine(DataRoot, "packs"), TestModelSources.Data.PacksDirectory);
        Service = await FaceService.OpenAsync(new DataDirectory(DataRoot), new ServiceOptions(),
            new Vision.PipelineOptions { Inference = new Models.Runtime.InferenceOptions { IntraOpThreads = 1 } });
        (var a, KeyA) = Service.Tenants.Create("Tenant A", "commercial", "US", "US-CA", "Oakland");
        (_, KeyB) = Service.Tenants.Create("Tenant B", "commercial", "DE", "DE-BE", "Berlin");
        TenantA = a.Id;
        ContextA = new Service.Safeguards.RequestContext(a, "cli", "identity-verification");
        (var tester, KeyTester) = Service.Tenants.Create("Test Lab", "testing", "US", "US-WA", "Seattle");
        TenantTester = tester.Id;
        Service.LoadIndexes();
        _app = FaceAccordServer.Build(Service, new ServerOptions { RequestsPerSecondPerKey = 1000, BurstPerKey = 2000 }, "http://127.0.0.1:0");
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());
    }

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

        Service.Dispose();
        Directory.Delete(DataRoot, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "server";
}
