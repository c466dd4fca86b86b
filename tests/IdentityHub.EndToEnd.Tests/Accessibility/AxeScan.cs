using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace IdentityHub.EndToEnd.Tests.Accessibility;

/// <summary>
/// axe-core run in the page as it is now, against WCAG 2.0, 2.1 and 2.2 at levels A and AA (A14). A
/// violation fails the test with each rule, its impact, the elements it found and what to do.
/// </summary>
public static class AxeScan
{
    /// <summary>The axe-core tags checked: every WCAG A and AA success criterion axe can test.</summary>
    public static readonly IReadOnlyList<string> Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] },
        // Only violations are read; the passes and the rest are not gathered.
        ResultTypes = [ResultType.Violations],
        // The pages have no frames: nothing to gather from them.
        Iframes = false,
    };

    /// <summary>Scans the page; <paramref name="state"/> names what the page shows (e.g. "sign-in, wrong password").</summary>
    public static async Task ExpectNoViolationsAsync(IPage page, string state)
    {
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
        var result = await page.RunAxe(Options);
        if (result.Violations is not { Length: > 0 } violations)
        {
            return;
        }

        throw new Xunit.Sdk.XunitException(Describe(state, page.Url, violations));
    }

    /// <summary>One line per violation (rule, impact, help), then each element it found.</summary>
    public static string Describe(string state, string url, IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder().AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"axe-core found accessibility violations on {state} ({url}):");
        foreach (var violation in violations)
        {
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"- {violation.Id} ({violation.Impact}): {violation.Help} {violation.HelpUrl}");
            foreach (var node in violation.Nodes)
            {
                text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"    {node.Target}: {node.Html}");
            }
        }

        return text.ToString();
    }
}
