using System.Net;
using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Storage;
using FaceAccord.TestSupport;
using Microsoft.AspNetCore.Builder;

namespace FaceAccord.Server.Tests;

/// <summary>
/// The web console's sign-in: an API key is exchanged for an HttpOnly, SameSite=Strict session cookie, pages carry a
/// Content-Security-Policy, forms without a valid antiforgery token are refused and audited, sessions end on sign-out,
/// when idle, at their absolute lifetime and when their key is revoked, and the key never shows up in a page.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ConsoleSessionTests(ServerFixture server) : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(server.DataRoot, "console-" + Guid.NewGuid().ToString("N"));
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
    private WebApplication? _app;
    private Uri _base = null!;

    private Service.Tenants.TenantService Tenants => (Service.Tenants.TenantService)_app!.Services.GetService(typeof(Service.Tenants.TenantService))!;

    private AuditLog Audit => (AuditLog)_app!.Services.GetService(typeof(AuditLog))!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _app = server.Another(_dir, clock: _clock);
        await _app.StartAsync();
        _base = new Uri(_app.Urls.First());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private (Guid Tenant, string Key, string KeyId) Reviewer()
    {
        var (tenant, _) = Tenants.Create("Console " + Guid.NewGuid().ToString("N")[..6], "commercial", "DE", "DE-BE", "Berlin");
        var issued = Tenants.IssueKey(tenant.Id, KeyRole.Reviewer);
        return (tenant.Id, issued.ApiKey, issued.KeyId);
    }

    [Fact]
    public async Task Signing_in_exchanges_the_key_for_a_strict_http_only_cookie_and_never_shows_the_key()
    {
        var (tenant, key, keyId) = Reviewer();
        using var browser = new ConsoleBrowser(_base);
        var (page, html) = await browser.GetAsync("/console/sign-in");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("<label for=\"apiKey\">API key</label>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);

        var (signedIn, _) = await browser.PostAsync("/console/sign-in", new() { ["apiKey"] = key });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/console/reviews", signedIn.Headers.Location?.OriginalString);
        string cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("faceaccord_console=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/console", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase); // plain HTTP here; Secure is set over HTTPS
        Assert.DoesNotContain(key.Split('_')[2], cookie, StringComparison.Ordinal);

        var (queue, queueHtml) = await browser.GetAsync("/console/reviews");
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        Assert.Contains("No case is waiting for review", queueHtml, StringComparison.Ordinal);
        Assert.Contains(keyId, queueHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(key, queueHtml, StringComparison.Ordinal);

        var log = Audit.Export(new AuditQuery(tenant)).Select(e => e.Record).ToList();
        var signIn = log.Single(r => r.Operation == "console-sign-in");
        Assert.Equal((keyId, AuditDecision.Allow, "console"), (signIn.KeyId, signIn.Decision, signIn.Channel));
        Assert.Contains(log, r => r.Operation == "review-view" && r.KeyId == keyId && r.Channel == "console");
        Assert.DoesNotContain(key, string.Join("\n", log.Select(r => r.Detail?.GetRawText())), StringComparison.Ordinal);

        // Sign-out ends the session on the server: the old cookie no longer opens anything.
        string stolen = browser.Cookies.GetCookies(new Uri(_base, "/console/")).Single(c => c.Name == "faceaccord_console").Value;
        var (signedOut, _) = await browser.PostAsync("/console/sign-out", []);
        Assert.Equal("/console/sign-in", signedOut.Headers.Location?.OriginalString);
        using var replay = new ConsoleBrowser(_base);
        replay.Cookies.Add(_base, new Cookie("faceaccord_console", stolen, "/console"));
        Assert.Equal("/console/sign-in", (await replay.GetAsync("/console/reviews")).Response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_in_words_and_audited()
    {
        using var browser = new ConsoleBrowser(_base);
        await browser.GetAsync("/console/sign-in");
        var (refused, html) = await browser.PostAsync("/console/sign-in", new() { ["apiKey"] = "fa_0123456789abcdef_wrong" });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("That API key is not valid", html, StringComparison.Ordinal);
        Assert.DoesNotContain("fa_0123456789abcdef_wrong", html, StringComparison.Ordinal);
        var entry = Audit.Export().Select(e => e.Record).Last(r => r.Operation == "console-sign-in");
        Assert.Equal((AuditDecision.Deny, "0123456789abcdef", 401), (entry.Decision, entry.KeyId, entry.Status));
    }

    [Fact]
    public async Task A_post_without_a_valid_antiforgery_token_is_refused_with_400_and_audited()
    {
        var (_, key, _) = Reviewer();
        using var browser = new ConsoleBrowser(_base);
        await browser.GetAsync("/console/sign-in");
        var (missing, html) = await browser.PostAsync("/console/sign-in", new() { ["apiKey"] = key }, token: "");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Nothing was changed", html, StringComparison.Ordinal);
        Assert.DoesNotContain(missing.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("faceaccord_console=", StringComparison.Ordinal)));

        var (wrong, _) = await browser.PostAsync("/console/sign-in", new() { ["apiKey"] = key }, token: "CfDJ8forged");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var refusals = Audit.Export().Select(e => e.Record).Where(r => r.Problem == "antiforgery-invalid").ToList();
        Assert.True(refusals.Count >= 2);
        Assert.All(refusals, r => Assert.Equal((AuditDecision.Deny, 400, "console"), (r.Decision, r.Status!.Value, r.Channel)));
    }

    [Fact]
    public async Task A_revoked_key_ends_its_sessions_at_the_next_request()
    {
        var (tenant, key, keyId) = Reviewer();
        using var browser = new ConsoleBrowser(_base);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(key)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/console/reviews")).Response.StatusCode);

        Tenants.RevokeKey(tenant, keyId);
        var (after, _) = await browser.GetAsync("/console/reviews");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/console/sign-in", after.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_session_ends_when_idle_and_at_its_absolute_lifetime()
    {
        var (_, key, _) = Reviewer();
        using var idle = new ConsoleBrowser(_base);
        await idle.SignInAsync(key);
        _clock.Advance(TimeSpan.FromMinutes(19));
        Assert.Equal(HttpStatusCode.OK, (await idle.GetAsync("/console/reviews")).Response.StatusCode);
        _clock.Advance(TimeSpan.FromMinutes(21));
        Assert.Equal(HttpStatusCode.Redirect, (await idle.GetAsync("/console/reviews")).Response.StatusCode);

        using var busy = new ConsoleBrowser(_base);
        await busy.SignInAsync(key);
        for (int i = 0; i < 32; i++)
        {
            _clock.Advance(TimeSpan.FromMinutes(15));
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/console/reviews")).Response.StatusCode);
        }

        _clock.Advance(TimeSpan.FromMinutes(15)); // 8 h 15 min after sign-in, busy all along
        Assert.Equal(HttpStatusCode.Redirect, (await busy.GetAsync("/console/reviews")).Response.StatusCode);
    }

    [Fact]
    public async Task The_audit_browser_reports_a_row_changed_behind_the_stores_back()
    {
        var (tenant, operatorKey) = Tenants.Create("Audited " + Guid.NewGuid().ToString("N")[..6], "commercial", "US", "US-CA", "Oakland");
        Tenants.IssueKey(tenant.Id, KeyRole.Reviewer);
        using var auditor = new ConsoleBrowser(_base);
        await auditor.SignInAsync(operatorKey);
        Assert.Contains("Intact.", (await auditor.GetAsync("/console/audit")).Html, StringComparison.Ordinal);

        string database = Path.Combine(_dir, Service.FaceAccordSettings.DatabaseFileName);
        using (var raw = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False"))
        {
            raw.Open();
            using var tamper = raw.CreateCommand();
            tamper.CommandText = "DROP TRIGGER IF EXISTS audit_log_no_update; UPDATE audit_log SET operation = 'api-key-list' WHERE operation = 'api-key-issue';";
            Assert.True(tamper.ExecuteNonQuery() > 0);
        }

        var (page, html) = await auditor.GetAsync("/console/audit");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Tampering detected.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_out_browser_is_sent_to_sign_in()
    {
        using var browser = new ConsoleBrowser(_base);
        foreach (var path in new[] { "/console", "/console/reviews", $"/console/reviews/{Guid.NewGuid()}", "/console/audit" })
        {
            var (response, _) = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/console/sign-in", response.Headers.Location?.OriginalString);
        }
    }
}
