using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Service;
using FaceAccord.Service.Galleries;
using FaceAccord.Service.Recognition;
using FaceAccord.Service.Tenants;
using FaceAccord.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FaceAccord.WebConsole.Tests;

/// <summary>
/// The real server on a loopback port over a fresh store, and Debian's chromium driven by Playwright (no browser is
/// ever downloaded: <see cref="ChromiumPath"/> must exist, as <c>.ci/run</c> installs it). axe-core comes from the
/// npm package installed beside this project (<c>npm install</c> in this folder, as <c>.ci/run</c> does).
/// </summary>
public sealed class ConsoleServerFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string DataRoot { get; } = Path.Combine(Path.GetTempPath(), "faceaccord-console-tests-" + Guid.NewGuid().ToString("N"));

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string AxeSource { get; private set; } = "";

    public T Get<T>()
        where T : notnull => _app!.Services.GetRequiredService<T>();

    public TenantService Tenants => Get<TenantService>();

    public AuditLog Audit => Get<AuditLog>();

    public string DatabasePath => Path.Combine(DataRoot, FaceAccordSettings.DatabaseFileName);

    public async Task InitializeAsync()
    {
        string axe = Path.Combine(TestPaths.RepositoryRoot, "tests", "FaceAccord.WebConsole.Tests", "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(axe) || !File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Debian's chromium at {ChromiumPath} (apt-get install chromium) and axe-core at {axe} (npm install in tests/FaceAccord.WebConsole.Tests); .ci/run installs both.");
        }

        AxeSource = await File.ReadAllTextAsync(axe);
        Directory.CreateDirectory(DataRoot);
        var settings = new FaceAccordSettings(DataRoot, TestModelSources.Data)
        {
            Pipeline = new Vision.PipelineOptions { Inference = new Models.Runtime.InferenceOptions { IntraOpThreads = 1 } },
        };
        _app = Server.FaceAccordServer.Build(settings, new Server.ServerOptions { RequestsPerSecondPerKey = 1000, BurstPerKey = 2000 }, "http://127.0.0.1:0");
        await Get<RecognitionEngine>().LoadAsync();
        Get<GalleryIndexes>().LoadAll();
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    /// <summary>A fresh browser context (its own cookies) at 1280×800; axe runs need the page's CSP bypassed to inject it.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            BypassCSP = true,
        });
        return await context.NewPageAsync();
    }

    public HttpClient Client(string key, string purpose)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        client.DefaultRequestHeaders.Add("FaceAccord-Purpose", purpose);
        return client;
    }

    /// <summary>
    /// An EU tenant (two reviewers required) whose gallery keeps no images (the default: templates, plus the crop kept
    /// for review), Colin Powell enrolled on consent, and an identification held for review with its probe crop: the
    /// tenant, the requester's operator key and the case id.
    /// </summary>
    public async Task<(Guid Tenant, string RequesterKey, Guid Case)> HeldIdentificationAsync()
    {
        var (tenant, key) = Tenants.Create("EU browser " + Guid.NewGuid().ToString("N")[..6], "commercial", "DE", "DE-BE", "Berlin");
        using var client = Client(key, "access-control");
        var gallery = await IdOfAsync(await client.PostAsJsonAsync("/v1/galleries", new { name = "door", storeImages = false }));
        var consent = await IdOfAsync(await client.PostAsJsonAsync("/v1/consents", new
        {
            subjectExternalId = "colin",
            purposes = new[] { "access-control" },
            noticeVersion = "test-notice-1",
            noticeText = "We keep a template of your face to let you in; you may withdraw at any time.",
            signatureMethod = "electronic-signature",
            evidenceReference = "test-signature-colin",
        }));
        var subject = await IdOfAsync(await client.PostAsJsonAsync($"/v1/galleries/{gallery}/subjects",
            new { externalId = "colin", legalBasis = new { type = "consent", reference = consent.ToString() } }));
        using (var enrol = await client.PostAsync($"/v1/galleries/{gallery}/subjects/{subject}/faces", Form(TestPaths.Lfw("Colin_Powell", 1))))
        {
            Assert.True(enrol.IsSuccessStatusCode, await enrol.Content.ReadAsStringAsync());
        }

        using var held = await client.PostAsync($"/v1/galleries/{gallery}/identify?fpir=1", Form(TestPaths.Lfw("Colin_Powell", 2)));
        string body = await held.Content.ReadAsStringAsync();
        Assert.True(held.StatusCode == System.Net.HttpStatusCode.Accepted, body);
        return (tenant.Id, key, JsonDocument.Parse(body).RootElement.GetProperty("reviewCaseId").GetGuid());
    }

    public string ReviewerKey(Guid tenant) => Tenants.IssueKey(tenant, KeyRole.Reviewer).ApiKey;

    private static async Task<Guid> IdOfAsync(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        response.Dispose();
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    private static MultipartFormDataContent Form(string imagePath)
    {
        var part = new ByteArrayContent(File.ReadAllBytes(imagePath));
        part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return new MultipartFormDataContent { { part, "image", "image.jpg" } };
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(DataRoot, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleServerFixture>
{
    public const string Name = "console";
}
