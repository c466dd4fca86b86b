using System.Globalization;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Hosting;
using IdentityHub.Server.Members.Import;

namespace IdentityHub.Server.Commands;

/// <summary>
/// <c>import-members &lt;file&gt; [--dry-run] [--full-roster] [--report &lt;path&gt;]</c>: loads the plan's roster
/// file, the members who may create their own account (A15), with progress and a summary. Exit codes: 0 every row
/// imported; 1 nothing done (unreadable file, database not ready) or done with rejected rows (the summary lists
/// them by line); 2 wrong usage.
/// </summary>
internal static class ImportMembersCommand
{
    public const string Verb = "import-members";

    public static readonly CommandSpec Spec = new(Verb, "Loads the plan's member roster from a CSV file (who may create their own account); prints progress and a summary.")
    {
        Arguments = [new("file", "The roster: a CSV file with a header row (docs/members.md#the-roster-file describes the columns).")],
        Options =
        [
            new("--dry-run", null, "Check every row and report, without saving anything."),
            new("--full-roster", null, "The file is the whole roster: members it does not list get coverage ending today (not when a row was rejected)."),
            new("--report", "path", "Also write the summary, with every rejected row, to this file."),
        ],
        Details = """
            Members are matched by member id (letters and digits, any case): a member already loaded takes the file's
            values. Rejected rows are listed by line and skipped; exit code 1 when there are any. Each run has an import
            id, printed in the summary and written on every row it loaded.
            """,
    };

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        if (Spec.Parse(arguments, error) is not { } parsed)
        {
            return ExitCodes.Usage;
        }

        var path = parsed.Positional[0];
        var mode = new MemberImportMode(parsed.Has("--dry-run"), parsed.Has("--full-roster"));
        var file = await MemberFile.ReadAsync(path);
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

        output.WriteLine($"{(mode.DryRun ? "Checking" : "Importing")} {file.Rows.Count} row(s) from {path}{(mode.DryRun ? " (dry run: nothing is saved)" : "")}.");
        if (file.IgnoredColumns.Count > 0)
        {
            output.WriteLine($"Ignored column(s): {string.Join(", ", file.IgnoredColumns)}.");
        }

        var import = new MemberImport(services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<TimeProvider>());
        var summary = await import.RunAsync(file.Rows, mode, (done, added, updated, unchanged) =>
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {done} loaded: {added} added, {updated} updated, {unchanged} unchanged")));

        var report = MemberImportReport.Lines(summary, mode, path);
        output.WriteLine();
        foreach (var line in report)
        {
            output.WriteLine(line);
        }

        if (parsed.Value("--report") is { } reportPath && !await TryWriteReportAsync(reportPath, report, output, error))
        {
            return ExitCodes.Failure;
        }

        if (!mode.DryRun)
        {
            await using var scope = services.CreateAsyncScope();
            var actor = $"the {Verb} command ({Environment.UserName})";
            await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync("members.imported", summary.Rejected.Count > 0 ? "partly" : "succeeded", userId: null,
                detail: string.Create(CultureInfo.InvariantCulture,
                    $"import {summary.Batch} by {actor}: {summary.Added} added, {summary.Updated} updated, {summary.Unchanged} unchanged, {summary.Rejected.Count} rejected, {summary.Ended} coverage ended"));
        }

        return summary.Rejected.Count > 0 ? ExitCodes.Failure : ExitCodes.Ok;
    }

    private static async Task<bool> TryWriteReportAsync(string path, IReadOnlyList<string> report, TextWriter output, TextWriter error)
    {
        try
        {
            await File.WriteAllLinesAsync(path, report);
            output.WriteLine($"Report written to {path}.");
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error.WriteLine($"Cannot write the report to {path}: {exception.Message}");
            return false;
        }
    }
}
