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
/// skipped; 1 nothing done (bad arguments, unreadable or malformed file, database not ready); 2 done,
/// with rejected rows.
/// </summary>
internal static class ImportUsersCommand
{
    public const int Usage = 1;
    public const int SomeRejected = 2;
    private const int ProgressEvery = 100;
    private const string Synopsis = "Usage: import-users <file.csv|file.json> [--format csv|json] [--dry-run] [--phone-region US]";

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> arguments)
    {
        if (Parse(arguments) is not { } request)
        {
            return Usage;
        }

        var file = await ImportFile.ReadAsync(request.Path, request.Format);
        if (file.Error is not null)
        {
            Console.Error.WriteLine(file.Error);
            return Usage;
        }

        if (await ServerDatabase.PrepareAsync(services) is { } notReady)
        {
            Console.Error.WriteLine(notReady);
            return Usage;
        }

        Console.WriteLine($"{(request.DryRun ? "Checking" : "Importing")} {file.Rows.Count} row(s) from {request.Path}{(request.DryRun ? " (dry run: nothing is saved)" : "")}.");
        var import = new UserImport(services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<TimeProvider>()) { PhoneRegion = request.PhoneRegion };
        var counts = new int[3];
        var summary = await import.RunAsync(file.Rows, request.DryRun, (outcome, done) =>
        {
            counts[(int)outcome.Result]++;
            if (done % ProgressEvery == 0 || done == file.Rows.Count)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {done} of {file.Rows.Count}: {counts[0]} imported, {counts[1]} skipped, {counts[2]} rejected"));
            }
        });

        PrintSummary(summary, request.DryRun);
        return summary.Rejected > 0 ? SomeRejected : 0;
    }

    private static void PrintSummary(ImportSummary summary, bool dryRun)
    {
        Console.WriteLine();
        Console.WriteLine($"{(dryRun ? "Would import" : "Imported")}: {summary.Imported}");
        Console.WriteLine($"Skipped:  {summary.Skipped} (already imported)");
        Console.WriteLine($"Rejected: {summary.Rejected}");
        foreach (var row in summary.NotImported.Where(row => row.Result == RowResult.Rejected))
        {
            Console.WriteLine($"  line {row.Line}{(string.IsNullOrWhiteSpace(row.UserName) ? "" : $" ({Printable(row.UserName)})")}: {row.Reason}");
        }
    }

    // A line break or control character in a rejected username would garble the summary.
    private static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}") : c.ToString()));

    private static ImportRequest? Parse(IReadOnlyList<string> arguments)
    {
        string? path = null;
        string? format = null;
        var region = "US";
        var dryRun = false;
        for (var i = 0; i < arguments.Count; i++)
        {
            switch (arguments[i])
            {
                case "--dry-run":
                    dryRun = true;
                    break;
                case "--format" when i + 1 < arguments.Count:
                    format = arguments[++i].ToLowerInvariant();
                    break;
                case "--phone-region" when i + 1 < arguments.Count:
                    region = arguments[++i].ToUpperInvariant();
                    break;
                case var argument when argument.StartsWith("--", StringComparison.Ordinal) || path is not null:
                    return Refuse($"Unexpected argument '{argument}'.");
                case var argument:
                    path = argument;
                    break;
            }
        }

        if (path is null)
        {
            return Refuse("Name the file to import.");
        }

        ImportFormat? chosen = format switch
        {
            null => ImportFile.FormatOf(path),
            "csv" => ImportFormat.Csv,
            "json" => ImportFormat.Json,
            _ => null,
        };
        return chosen is null
            ? Refuse(format is null ? $"Cannot tell the format of '{path}' from its extension: add --format csv or --format json." : $"Unknown format '{format}': csv or json.")
            : new ImportRequest(path, chosen.Value, dryRun, region);
    }

    private static ImportRequest? Refuse(string message)
    {
        Console.Error.WriteLine(message);
        Console.Error.WriteLine(Synopsis);
        return null;
    }

    private sealed record ImportRequest(string Path, ImportFormat Format, bool DryRun, string PhoneRegion);
}
