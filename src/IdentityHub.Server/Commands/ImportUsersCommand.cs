using System.Globalization;
using IdentityHub.Data;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Hosting;
using IdentityHub.Server.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Commands;

/// <summary>
/// <c>import-users &lt;file&gt; [--format csv|json] [--dry-run] [--phone-region US]</c>: creates users from
/// another system's export (A10), printing progress and a summary. Exit codes: 0 every row imported or
/// skipped; 1 nothing done (unreadable or malformed file, database not ready) or done with rejected rows
/// (the summary lists them); 2 wrong usage.
/// </summary>
internal static class ImportUsersCommand
{
    public const string Verb = "import-users";
    private const int ProgressEvery = 100;

    public static readonly CommandSpec Spec = new(Verb, "Creates users from another system's export (CSV or JSON), keeping their password hashes; prints progress and a summary.")
    {
        Arguments = [new("file", "The export: a .csv or .json file (docs/accounts.md#migrating-users-a10 describes the columns).")],
        Options =
        [
            new("--format", "csv|json", "The file's format; by default taken from the extension."),
            new("--dry-run", null, "Check every row and report, without saving anything."),
            new("--phone-region", "region", "Where phone numbers written without + and a country code are from (default US)."),
        ],
        Details = "Exit code 1 also when some rows were rejected (the summary lists them); rows already imported are skipped.",
    };

    public static Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> arguments) =>
        RunAsync(services, arguments, Console.Out, Console.Error);

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        if (Parse(arguments, error) is not { } request)
        {
            return ExitCodes.Usage;
        }

        var file = await ImportFile.ReadAsync(request.Path, request.Format);
        if (file.Error is not null)
        {
            error.WriteLine(file.Error);
            return ExitCodes.Failure;
        }

        if (await ServerDatabase.PrepareAsync(services) is { } notReady)
        {
            error.WriteLine(notReady);
            return ExitCodes.Failure;
        }

        output.WriteLine($"{(request.DryRun ? "Checking" : "Importing")} {file.Rows.Count} row(s) from {request.Path}{(request.DryRun ? " (dry run: nothing is saved)" : "")}.");
        var import = new UserImport(services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<TimeProvider>()) { PhoneRegion = request.PhoneRegion };
        var counts = new int[3];
        var summary = await import.RunAsync(file.Rows, request.DryRun, (outcome, done) =>
        {
            counts[(int)outcome.Result]++;
            if (done % ProgressEvery == 0 || done == file.Rows.Count)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {done} of {file.Rows.Count}: {counts[0]} imported, {counts[1]} skipped, {counts[2]} rejected"));
            }
        });

        PrintSummary(output, summary, request.DryRun);
        return summary.Rejected > 0 ? ExitCodes.Failure : ExitCodes.Ok;
    }

    private static void PrintSummary(TextWriter output, ImportSummary summary, bool dryRun)
    {
        output.WriteLine();
        output.WriteLine($"{(dryRun ? "Would import" : "Imported")}: {summary.Imported}");
        output.WriteLine($"Skipped:  {summary.Skipped} (already imported)");
        output.WriteLine($"Rejected: {summary.Rejected}");
        foreach (var row in summary.NotImported.Where(row => row.Result == RowResult.Rejected))
        {
            output.WriteLine($"  line {row.Line}{(string.IsNullOrWhiteSpace(row.UserName) ? "" : $" ({Printable(row.UserName)})")}: {row.Reason}");
        }
    }

    // A line break or control character in a rejected username would garble the summary.
    private static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}") : c.ToString()));

    private static ImportRequest? Parse(IReadOnlyList<string> arguments, TextWriter error)
    {
        if (Spec.Parse(arguments, error) is not { } parsed)
        {
            return null;
        }

        var path = parsed.Positional[0];
        var format = parsed.Value("--format")?.ToLowerInvariant();
        var region = parsed.Value("--phone-region")?.ToUpperInvariant() ?? "US";
        ImportFormat? chosen = format switch
        {
            null => ImportFile.FormatOf(path),
            "csv" => ImportFormat.Csv,
            "json" => ImportFormat.Json,
            _ => null,
        };
        if (chosen is null)
        {
            Spec.UsageError(error, format is null ? $"Cannot tell the format of '{path}' from its extension: add --format csv or --format json." : $"Unknown format '{format}': csv or json.");
            return null;
        }

        return new ImportRequest(path, chosen.Value, parsed.Has("--dry-run"), region);
    }

    private sealed record ImportRequest(string Path, ImportFormat Format, bool DryRun, string PhoneRegion);
}
