using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace FaceAccord.Server.Tests;

/// <summary>A gallery's retention period over HTTP: stored and shown, refused with a 400 when absurd, and the sweep interval checked at start.</summary>
[Collection(ServerCollection.Name)]
public sealed class RetentionApiTests(ServerFixture server)
{
    [Fact]
    public async Task A_gallery_keeps_its_retention_period_and_its_subjects_show_their_expiry()
    {
        using var client = server.Client(server.KeyA);
        var response = await client.PostAsJsonAsync("/v1/galleries", new { name = "retention-" + Guid.NewGuid().ToString("N"), retentionDays = 30 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var gallery = await client.GetFromJsonAsync<JsonElement>($"/v1/galleries/{id}");
        Assert.Equal(30, gallery.GetProperty("retentionDays").GetInt32());

        var subject = await Api.CreateSubjectAsync(client, id, "visitor");
        var view = await client.GetFromJsonAsync<JsonElement>($"/v1/galleries/{id}/subjects/{subject}");
        var created = view.GetProperty("createdAt").GetDateTimeOffset();
        Assert.Equal(created + TimeSpan.FromDays(30), view.GetProperty("expiresAt").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("-1", "retention-days-invalid")]
    [InlineData("0", "retention-days-invalid")]
    [InlineData("36501", "retention-days-invalid")]
    [InlineData("99999999999", "malformed-json")]
    [InlineData("\"thirty\"", "malformed-json")]
    [InlineData("1.5", "malformed-json")]
    public async Task An_absurd_retention_period_is_a_400_and_creates_nothing(string days, string code)
    {
        using var client = server.Client(server.KeyA);
        string name = "bad-retention-" + Guid.NewGuid().ToString("N");
        using var body = new StringContent($"{{\"name\":\"{name}\",\"retentionDays\":{days}}}", Encoding.UTF8, "application/json");

        await Api.AssertProblemAsync(await client.PostAsync("/v1/galleries", body), HttpStatusCode.BadRequest, code);

        var galleries = await client.GetFromJsonAsync<JsonElement>("/v1/galleries");
        Assert.DoesNotContain(galleries.EnumerateArray(), g => g.GetProperty("name").GetString() == name);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(86_401)]
    public void A_sweep_interval_outside_1_second_to_1_day_stops_the_start(int seconds)
    {
        var e = Assert.Throws<Core.FaceAccordException>(() => new ServerOptions { RetentionSweepInterval = TimeSpan.FromSeconds(seconds) }.Validate());
        Assert.Equal("config-invalid", e.Code);
        new ServerOptions { RetentionSweepInterval = TimeSpan.FromMinutes(5) }.Validate();
    }
}
