using System.Text.Json;
using FaceAccord.Storage;
using Microsoft.Playwright;

namespace FaceAccord.WebConsole.Tests;

/// <summary>
/// The console in a real browser (Debian's chromium): reviewers sign in and decide held identifications, an auditor
/// browses the log and sees tampering reported, an operator cannot decide, a signed-out browser is sent to sign in,
/// and every page (the fairness page included) passes axe-core's WCAG 2.1 AA checks. Elements are found by their accessible names.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleBrowserTests(ConsoleServerFixture server)
{
    /// <summary>
    /// Saves a screenshot for docs/console.md when FACEACCORD_CONSOLE_SCREENSHOTS names a folder; faces are masked,
    /// since the test photos are a data set's and never go into the repository.
    /// </summary>
    private const int MaxScreenshotHeight = 2000;

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("FACEACCORD_CONSOLE_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            // Long pages (the reports) are cut at MaxScreenshotHeight: the top says what the page is, and the whole page
            // as a picture would weigh more than the repository should carry.
            int height = Math.Min(await page.EvaluateAsync<int>("document.documentElement.scrollHeight"), MaxScreenshotHeight);
            await page.ScreenshotAsync(new()
            {
                Path = Path.Combine(folder, name + ".png"),
                FullPage = true,
                Clip = new() { X = 0, Y = 0, Width = page.ViewportSize?.Width ?? 1280, Height = height },
                Mask = [page.Locator("img")],
            });
        }
    }

    private async Task<IPage> SignedInAsync(string key)
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/console/sign-in");
        await page.GetByLabel("API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        return page;
    }

    [Fact]
    public async Task Two_reviewers_sign_in_see_the_faces_and_confirm_and_the_requester_gets_the_result()
    {
        var (tenant, requesterKey, reviewCase) = await server.HeldIdentificationAsync();
        var signIn = await server.NewPageAsync();
        await signIn.GotoAsync("/console/sign-in");
        await ScreenshotAsync(signIn, "sign-in");
        await Accessibility.AssertNoViolationsAsync(signIn, server.AxeSource);

        foreach (var (key, last) in new[] { (server.ReviewerKey(tenant), false), (server.ReviewerKey(tenant), true) })
        {
            var page = await SignedInAsync(key);
            var queue = page.GetByRole(AriaRole.Table, new() { Name = "Pending reviews" });
            await Assertions.Expect(queue).ToBeVisibleAsync();
            await Accessibility.AssertNoViolationsAsync(page, server.AxeSource);
            await ScreenshotAsync(page, "queue");
            await queue.GetByRole(AriaRole.Link).First.ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Uri(server.BaseAddress, $"/console/reviews/{reviewCase}").ToString());

            // Both faces side by side, each loaded by the browser: the probe's crop and the candidate's enrolled crop.
            foreach (string name in new[] { "Probe: the searched face", "Enrolled face of candidate colin" })
            {
                var face = page.GetByRole(AriaRole.Img, new() { Name = name });
                await Assertions.Expect(face).ToBeVisibleAsync();
                Assert.True(await face.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), $"the image '{name}' did not load");
            }

            await Accessibility.AssertNoViolationsAsync(page, server.AxeSource);
            await ScreenshotAsync(page, last ? "case-second-reviewer" : "case");

            // Each candidate has its own box, ticked by default; confirming with every box cleared is refused in words.
            var box = page.GetByRole(AriaRole.Checkbox, new() { Name = "Same person: colin" });
            await Assertions.Expect(box).ToBeCheckedAsync();
            if (!last)
            {
                await box.UncheckAsync();
                await page.GetByLabel("Reason").FillAsync("Cleared the only box.");
                await page.GetByRole(AriaRole.Button, new() { Name = "Confirm match" }).ClickAsync();
                await Assertions.Expect(page.GetByText("No candidate is ticked")).ToBeVisibleAsync();
                await Assertions.Expect(box).ToBeCheckedAsync();
            }

            await page.GetByLabel("Reason").FillAsync("Same ears, chin and hairline as the enrolled photo.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Confirm match" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Your decision was recorded.")).ToBeVisibleAsync();
            if (last)
            {
                await Assertions.Expect(page.GetByText("Released: the reviewers confirmed it")).ToBeVisibleAsync();
            }
            else
            {
                await Assertions.Expect(page.GetByText("You have already decided this case")).ToBeVisibleAsync();
            }

            await page.Context.CloseAsync();
        }

        using var requester = server.Client(requesterKey, "access-control");
        var result = JsonDocument.Parse(await requester.GetStringAsync($"/v1/reviews/{reviewCase}")).RootElement;
        Assert.Equal(ReviewStates.Released, result.GetProperty("status").GetString());
        Assert.Equal("colin", result.GetProperty("result").GetProperty("candidates")[0].GetProperty("externalId").GetString());
    }

    [Fact]
    public async Task A_reviewer_rejects_a_case_with_the_keyboard_alone()
    {
        var (tenant, _, reviewCase) = await server.HeldIdentificationAsync();
        var page = await SignedInAsync(server.ReviewerKey(tenant));

        // On a narrow window (a phone held upright) the case page reflows: nothing runs off the right edge.
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync($"/console/reviews/{reviewCase}");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the case page overflows a 390 px window");
        await Accessibility.AssertNoViolationsAsync(page, server.AxeSource);
        await page.GetByLabel("Reason").FocusAsync();
        await page.Keyboard.TypeAsync("Different person: the nose and jaw differ.");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Reject" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByText("Rejected: a reviewer rejected it")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("it cannot be decided again")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_operator_cannot_decide_and_a_signed_out_browser_is_sent_to_sign_in()
    {
        var (_, requesterKey, reviewCase) = await server.HeldIdentificationAsync();
        var page = await SignedInAsync(requesterKey);
        await page.GotoAsync($"/console/reviews/{reviewCase}");
        await Assertions.Expect(page.GetByText("Only reviewer keys decide review cases")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Confirm match" })).ToHaveCountAsync(0);
        await Accessibility.AssertNoViolationsAsync(page, server.AxeSource);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("API key")).ToBeVisibleAsync();
        await page.GotoAsync($"/console/reviews/{reviewCase}");
        Assert.EndsWith("/console/sign-in", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_auditor_browses_the_log_and_sees_a_changed_row_reported_as_tampering()
    {
        var (_, operatorKey, _) = await server.HeldIdentificationAsync();
        var page = await SignedInAsync(operatorKey);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit log" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Intact.")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, server.AxeSource);
        await page.GetByLabel("Operation").FillAsync("identify");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "identify", Exact = true }).First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "audit");

        await page.GetByRole(AriaRole.Link, new() { Name = "Reports", Exact = true }).ClickAsync();
        foreach (var report in new[] { "Transparency report", "Accountability report", "Fairness evaluation" })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = report }).First.ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Markdown" })).ToBeVisibleAsync();
            await Accessibility.AssertNoViolationsAsync(page, server.AxeSource);
            await ScreenshotAsync(page, report.Split(' ')[0].ToLowerInvariant());
        }

        await page.GotoAsync("/console/audit?operation=identify");

        // Someone with the database file rewrites an entry behind the store's back.
        using (var raw = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={server.DatabasePath};Pooling=False"))
        {
            raw.Open();
            using var tamper = raw.CreateCommand();
            tamper.CommandText = "DROP TRIGGER IF EXISTS audit_log_no_update; UPDATE audit_log SET purpose = 'marketing' WHERE operation = 'identify';";
            Assert.True(tamper.ExecuteNonQuery() > 0);
        }

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByText("Tampering detected.")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "audit-tampered");
        Assert.False(server.Audit.Verify().Intact);
    }
}
