using System.Globalization;
using System.Text;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace IdentityHub.EndToEnd.Tests.Accessibility;

/// <summary>
/// axe-core run in the page as it is now, against WCAG 2.0, 2.1 and 2.2 at levels A and AA (A14). A
/// violation fails the test with each rule, its impact, what to do, and the selector and HTML of each
/// element it found.
/// </summary>
/// <remarks>
/// axe-core (the script bundled in Deque.AxeCore.Commons) is added to a browser context once, as a script
/// every document of the context runs first (<see cref="AddToContextAsync"/>), and a scan is one call of
/// <c>axe.run</c> that hands back the violations only. Deque.AxeCore.Playwright's <c>RunAxe</c> sends the
/// whole script into the page at each scan and then finishes the run in a blank page of a new context,
/// which took 2-2.5 s a scan on a busy 2-core machine.
/// </remarks>
public static class AxeScan
{
    /// <summary>The axe-core tags checked: every WCAG A and AA success criterion axe can test.</summary>
    public static readonly IReadOnlyList<string> Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private static readonly Lazy<string> Script = new(() => new BundledAxeScriptProvider().GetScript());

    /// <summary>
    /// What axe checks and returns: the WCAG rules, only violations in detail, no frames (the pages have
    /// none), and each violation cut down to what the failure message shows.
    /// </summary>
    private const string Run = """
        async tags => {
            const result = await axe.run(document, {
                runOnly: { type: 'tag', values: tags },
                resultTypes: ['violations'],
                iframes: false,
                elementRef: false,
            });
            return result.violations.map(v => ({
                id: v.id,
                impact: v.impact ?? '',
                help: v.help,
                helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({ target: n.target.flat(Infinity).join(' >>> '), html: n.html })),
            }));
        }
        """;

    /// <summary>Adds axe-core to every document the context's pages load from now on.</summary>
    public static Task AddToContextAsync(IBrowserContext context) => context.AddInitScriptAsync(Script.Value);

    /// <summary>Scans the page; <paramref name="state"/> names what the page shows (e.g. "sign-in, wrong password").</summary>
    public static async Task ExpectNoViolationsAsync(IPage page, string state)
    {
        await DocumentWaits.CompleteAsync(page);
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            // A page whose context was not given the script (or a document written by the test).
            await page.EvaluateAsync(Script.Value);
        }

        var violations = Violation.From(await page.EvaluateAsync<JsonElement>(Run, Tags));
        if (violations.Count > 0)
        {
            throw new Xunit.Sdk.XunitException(Describe(state, page.Url, violations));
        }
    }

    /// <summary>One line per violation (rule, impact, help and its link), then each element it found.</summary>
    public static string Describe(string state, string url, IEnumerable<Violation> violations)
    {
        var text = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"axe-core found accessibility violations on {state} ({url}):");
        foreach (var violation in violations)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {violation.Id} ({violation.Impact}): {violation.Help} {violation.HelpUrl}");
            foreach (var (target, html) in violation.Nodes)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    {target}: {html}");
            }
        }

        return text.ToString();
    }

    /// <summary>A rule axe found broken, with the selector and HTML of each element that breaks it.</summary>
    public sealed record Violation(string Id, string Impact, string Help, string HelpUrl, IReadOnlyList<(string Target, string Html)> Nodes)
    {
        public static IReadOnlyList<Violation> From(JsonElement violations) =>
        [
            .. violations.EnumerateArray().Select(v => new Violation(
                Text(v, "id"),
                Text(v, "impact"),
                Text(v, "help"),
                Text(v, "helpUrl"),
                [.. v.GetProperty("nodes").EnumerateArray().Select(n => (Text(n, "target"), Text(n, "html")))])),
        ];

        private static string Text(JsonElement element, string name) => element.GetProperty(name).GetString() ?? "";
    }
}
