using System.Net;
using System.Net.Http.Headers;
using FaceAccord.Core;
using FaceAccord.Governance.Audit;
using FaceAccord.Service.Tenants;
using FaceAccord.Storage;
using Microsoft.AspNetCore.Builder;
using FaceAccord.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAccord.Server.Tests;

/// <summary>
/// Keys expire, are rotated with a grace period, and guessing them is slowed per client address; all of it on a
/// server of its own whose clock the test moves.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ApiKeyLifecycleTests(ServerFixture server) : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(server.DataRoot, "keys-" + Guid.NewGuid().ToString("N"));
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
    private WebApplication? _app;
    private Uri _base = null!;

    private TenantService Tenants => _app!.Services.GetRequiredService<TenantService>();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _app = server.Another(_dir, clock: _clock, options: new ServerOptions { RequestsPerSecondPerKey = 1000, BurstPerKey = 2000, MaxFailedAuthenticationsPerMinute = 10 });
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

    [Fact]
    public async Task An_expired_key_gets_401_and_says_so()
    {
        var (tenant, _) = Tenants.Create("Expiring " + Guid.NewGuid().ToString("N")[..6], "commercial", "US", "US-CA", "Oakland");
        var issued = Tenants.IssueKey(tenant.Id, KeyRole.Operator, TimeSpan.FromDays(90));
        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromDays(90), issued.ExpiresAt);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(issued.ApiKey));

        _clock.Advance(TimeSpan.FromDays(90));
        await Api.AssertProblemAsync(await GetAsync(issued.ApiKey), HttpStatusCode.Unauthorized, "api-key-expired");
    }

    [Fact]
    public async Task A_rotated_key_works_during_its_grace_period_and_not_after()
    {
        var (tenant, oldKey) = Tenants.Create("Rotating " + Guid.NewGuid().ToString("N")[..6], "commercial", "US", "US-CA", "Oakland");
        string oldId = Tenants.Authenticate(oldKey)!.KeyId;
        var rotation = Tenants.RotateKey(tenant.Id, oldId, TimeSpan.FromHours(24));
        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromHours(24), rotation.RetiredKeyExpiresAt);
        Assert.Equal(KeyRoles.Operator, rotation.Replacement.Role);

        _clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(oldKey));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(rotation.Replacement.ApiKey));

        _clock.Advance(TimeSpan.FromHours(1));
        await Api.AssertProblemAsync(await GetAsync(oldKey), HttpStatusCode.Unauthorized, "api-key-expired");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(rotation.Replacement.ApiKey));

        // A spent key cannot be rotated again, and the rotation is on the record.
        Assert.Equal("api-key-spent", Assert.Throws<FaceAccordException>(() => Tenants.RotateKey(tenant.Id, oldId, TimeSpan.Zero)).Code);
        var entry = _app!.Services.GetRequiredService<AuditLog>().Export(new AuditQuery(tenant.Id)).Select(e => e.Record)
            .Single(r => r.Operation == "api-key-rotate" && r.Decision == AuditDecision.Allow);
        Assert.Equal(rotation.Replacement.KeyId, entry.Detail!.Value.GetProperty("replacedBy").GetString());
    }

    [Fact]
    public async Task Twenty_wrong_keys_from_one_address_in_a_minute_get_429_and_the_block_lifts()
    {
        var (tenant, goodKey) = Tenants.Create("Guessed " + Guid.NewGuid().ToString("N")[..6], "commercial", "US", "US-CA", "Oakland");
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 20; i++)
        {
            statuses.Add(await StatusAsync($"fa_{i:x16}_{new string('w', 43)}"));
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 10).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 10)), statuses);
        var limited = await GetAsync(goodKey);
        await Api.AssertProblemAsync(limited, HttpStatusCode.TooManyRequests, "auth-rate-limited");
        Assert.Equal("60", limited.Headers.RetryAfter?.ToString());

        // Every failure is on the record, and the block once (a flood must not grow a log that is never pruned).
        var refusals = _app!.Services.GetRequiredService<AuditLog>().Export().Select(e => e.Record).Where(r => r.TenantId is null).ToList();
        Assert.Equal(10, refusals.Count(r => r.Problem == "api-key-invalid" && r.Status == 401));
        var block = Assert.Single(refusals, r => r.Problem == "auth-rate-limited");
        Assert.Equal((429, AuditDecision.Deny), (block.Status, block.Decision));
        Assert.False(string.IsNullOrEmpty(block.Detail!.Value.GetProperty("clientAddress").GetString()));

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(goodKey));
        Assert.NotNull(tenant);
    }

    [Fact]
    public async Task Wrong_keys_typed_into_the_console_count_with_the_apis_and_block_both_for_a_minute()
    {
        var (_, goodKey) = Tenants.Create("Console guessed " + Guid.NewGuid().ToString("N")[..6], "commercial", "US", "US-CA", "Oakland");
        using var browser = new ConsoleBrowser(_base);
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 6; i++)
        {
            statuses.Add((await browser.SignInAsync($"fa_{i:x16}_{new string('c', 43)}")).StatusCode);
            statuses.Add(await StatusAsync($"fa_{i + 100:x16}_{new string('a', 43)}"));
        }

        // Five wrong keys in the form and five at the API make ten failures from this address: the next of either is refused.
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 10).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2)), statuses);
        var blocked = await browser.SignInAsync(goodKey);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Equal("60", blocked.Headers.RetryAfter?.ToString());
        var (queue, _) = await browser.GetAsync("/console/reviews");
        Assert.Equal("/console/sign-in", queue.Headers.Location?.OriginalString); // still signed out: the good key was not even checked
        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(goodKey));

        var log = _app!.Services.GetRequiredService<AuditLog>().Export().Select(e => e.Record).Where(r => r.Operation == "console-sign-in").ToList();
        Assert.Equal(5, log.Count(r => r.Status == 401));
        var block = Assert.Single(log, r => r.Problem == "auth-rate-limited");
        Assert.Equal((429, AuditDecision.Deny, "console"), (block.Status, block.Decision, block.Channel));

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(goodKey)).StatusCode);
    }

    private async Task<HttpResponseMessage> GetAsync(string key)
    {
        using var client = new HttpClient { BaseAddress = _base };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        client.DefaultRequestHeaders.Add("FaceAccord-Purpose", "access-control");
        return await client.GetAsync("/v1/galleries");
    }

    private async Task<HttpStatusCode> StatusAsync(string key)
    {
        using var response = await GetAsync(key);
        return response.StatusCode;
    }
}
