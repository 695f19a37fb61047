using System.Text.Json;
using Microsoft.Playwright;

namespace FaceAccord.WebConsole.Tests;

/// <summary>Runs axe-core in a page and fails on any WCAG 2.0/2.1 A or AA violation, naming each rule and element.</summary>
public static class Accessibility
{
    public static async Task AssertNoViolationsAsync(IPage page, string axeSource)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.EvaluateAsync(axeSource);
        var result = await page.EvaluateAsync<JsonElement>(
            "async () => { const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }); "
            + "return r.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')) })); }");
        var violations = result.EnumerateArray()
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact")}) at {string.Join(", ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))}")
            .ToList();
        Assert.True(violations.Count == 0, $"axe found WCAG 2.1 AA violations on {page.Url}:\n" + string.Join("\n", violations));
    }
}
