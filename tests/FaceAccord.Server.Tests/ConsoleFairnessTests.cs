using System.Net;
using FaceAccord.Service.Reports;
using FaceAccord.Service.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAccord.Server.Tests;

/// <summary>
/// The console's fairness page: without an evaluation it says how to produce one; with one (<c>serve --fairness</c>) it
/// shows the groups' rates, the accountability report quotes it, the download carries it, and a file that went away is
/// said in words.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ConsoleFairnessTests(ServerFixture server)
{
    private static readonly FairnessEvidence Evidence = new(
        "pack-x/model-y", "utkface.csv", 1200, 7, "worst-group", 0.41, 1e-3, 0.95, 200, 1,
        [new FairnessEvidence.Breakdown(["gender"], 3,
            [new FairnessEvidence.Group("Female", 300, 900, 40_000, 0.0021, 0.0012, 0.0033, 0.04, 0.03, 0.05),
             new FairnessEvidence.Group("Male", 310, 950, 42_000, 0.0007, 0.0003, 0.0012, 0.03, 0.02, 0.04)],
            3.0, 1.33, null)],
        null,
        null);

    [Fact]
    public async Task Without_an_evaluation_the_page_says_how_to_make_one()
    {
        var (_, key) = server.Tenants.Create("Fairness none " + Guid.NewGuid().ToString("N")[..6], "commercial", "US", "US-CA", "Oakland");
        using var auditor = new ConsoleBrowser(server.BaseAddress);
        await auditor.SignInAsync(key);
        var (page, html) = await auditor.GetAsync("/console/reports/fairness");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("No fairness evaluation is configured", html, StringComparison.Ordinal);
        Assert.Contains("faceaccord serve --fairness DIR/fairness.json", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_latest_evaluation_is_shown_quoted_by_the_accountability_report_and_downloadable()
    {
        string root = Path.Combine(server.DataRoot, "fairness-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        string file = Path.Combine(root, "fairness.json");
        await File.WriteAllTextAsync(file, "{}");
        int reads = 0;
        await using WebApplication app = server.Another(root, s => s.AddSingleton(new FairnessSource(file, _ =>
        {
            reads++;
            return Evidence;
        })));
        await app.StartAsync();
        var (_, key) = app.Services.GetRequiredService<TenantService>().Create("Fairness " + Guid.NewGuid().ToString("N")[..6], "commercial", "US", "US-CA", "Oakland");
        using var auditor = new ConsoleBrowser(new Uri(app.Urls.First()));
        await auditor.SignInAsync(key);

        var (page, html) = await auditor.GetAsync("/console/reports/fairness");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Latest fairness evaluation", html, StringComparison.Ordinal);
        Assert.Contains("Female", html, StringComparison.Ordinal);
        Assert.Contains(file, html, StringComparison.Ordinal);
        Assert.Contains("not the model in use", html, StringComparison.Ordinal); // it measured another model, and says so
        Assert.Equal(1, reads);

        var (_, accountability) = await auditor.GetAsync("/console/reports/accountability");
        Assert.Contains("Latest fairness evaluation", accountability, StringComparison.Ordinal);
        var (download, markdown) = await auditor.GetAsync("/console/reports/fairness/download?format=md");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Contains("Male", markdown, StringComparison.Ordinal);
        Assert.Equal(3, reads); // read again at each view: a new run into the same folder is what shows next

        File.Delete(file);
        var (_, gone) = await auditor.GetAsync("/console/reports/fairness");
        Assert.Contains("is not there any more", gone, StringComparison.Ordinal);
        await app.StopAsync();
    }
}
