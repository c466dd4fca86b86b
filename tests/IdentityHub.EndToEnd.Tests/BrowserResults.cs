using System.Globalization;
using System.Text;
using IdentityHub.Testing;
using Xunit.Abstractions;

namespace IdentityHub.EndToEnd.Tests;

/// <summary>What can write the logs of the processes a test ran against into a folder.</summary>
public interface ILandscapeLogs
{
    Task SaveLogsAsync(string folder);
}

/// <summary>
/// Where a failed browser test leaves what it saw: one folder per failed test under
/// <see cref="Folder"/>, with a screenshot and the HTML of each page it had open, what each page did,
/// the failure, and the logs of the server, the portals and the API.
/// </summary>
public static class BrowserResults
{
    /// <summary>Set by <c>./build.sh test</c>, which names the folder at the end of a run with failures.</summary>
    public const string EnvironmentVariable = "IDENTITYHUB_BROWSER_RESULTS";

    private static readonly Lazy<string> s_folder = new(() =>
    {
        var given = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(given)
            ? Path.Combine(RepositoryLayout.Root, "TestResults", "browser", DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture))
            : Path.GetFullPath(given);
    });

    /// <summary>This run's folder (TestResults/browser/&lt;time&gt; under the repository unless set), created at the first failure.</summary>
    public static string Folder => s_folder.Value;

    /// <summary>Saves everything for a failed test and returns its folder; a part that cannot be saved is noted, not thrown.</summary>
    public static async Task<string> SaveAsync(string testName, ITestFailed failure, BrowserSession? browser, ILandscapeLogs? logs)
    {
        var folder = Path.Combine(Folder, Safe(testName));
        Directory.CreateDirectory(folder);
        var problems = new StringBuilder();

        var pages = browser?.Pages ?? [];
        var summary = new StringBuilder()
            .AppendLine(testName)
            .AppendLine(CultureInfo.InvariantCulture, $"failed at {DateTime.UtcNow:HH:mm:ss.fff} UTC")
            .AppendLine()
            .AppendLine(string.Join(Environment.NewLine, failure.Messages))
            .AppendLine(string.Join(Environment.NewLine, failure.StackTraces))
            .AppendLine();
        for (var i = 0; i < pages.Count; i++)
        {
            var name = $"page-{i + 1}";
            var page = pages[i].Page;
            summary.AppendLine(CultureInfo.InvariantCulture, $"{name}: {page.Url}");
            await Attempt(problems, $"{name}.png", () => page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true, Timeout = 15_000 }));
            await Attempt(problems, $"{name}.html", async () => await File.WriteAllTextAsync(Path.Combine(folder, name + ".html"), await page.ContentAsync()));
            await File.WriteAllTextAsync(Path.Combine(folder, name + ".events.txt"), pages[i].Journal);
        }

        if (logs is not null)
        {
            await Attempt(problems, "logs", () => logs.SaveLogsAsync(Path.Combine(folder, "logs")));
        }

        summary.AppendLine().Append(problems);
        await File.WriteAllTextAsync(Path.Combine(folder, "failure.txt"), summary.ToString());
        return folder;
    }

    private static async Task Attempt(StringBuilder problems, string what, Func<Task> save)
    {
        try
        {
            await save();
        }
        catch (Exception exception)
        {
            // What could be saved is more use than a crash of the test run.
            problems.AppendLine(CultureInfo.InvariantCulture, $"{what} could not be saved: {exception.Message}");
        }
    }

    private static string Safe(string name) =>
        new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]);
}
