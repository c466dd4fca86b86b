using IdentityHub.Data;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Hosting;

namespace IdentityHub.Server.Commands;

/// <summary>
/// <c>archive-audit</c>: seals what is written, then moves the sealed records past their retention into
/// archive files now (what the daily job does) and says what it did. Exit code 1 when it stopped at a broken link.
/// </summary>
internal static class ArchiveAuditCommand
{
    public const string Verb = "archive-audit";

    public static readonly CommandSpec Spec = new(Verb, "Seals what is written, then moves the sealed records past IdentityHub:Audit:Retention into archive files now (what the daily job does) and says what it did.")
    {
        Details = "Exit code 1 when archiving stopped at a broken link.",
    };

    public static Task<int> RunAsync(IServiceProvider services, TextWriter output) => RunAsync(services, output, Console.Error);

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, TextWriter error)
    {
        await using var scope = services.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<AuditSealer>().SealAsync();
            var run = await scope.ServiceProvider.GetRequiredService<AuditArchiver>().ArchiveAsync();
            foreach (var archive in run.Archives)
            {
                output.WriteLine($"Archived records {archive.FirstSequence} to {archive.LastSequence} ({archive.Count}) into {Path.Combine(run.Folder, archive.FileName)}, SHA-256 {archive.FileHash}, head hash {archive.HeadHash}.");
            }

            if (run.Archives.Count == 0 && run.Refused is null)
            {
                output.WriteLine($"Nothing to archive: no sealed record before {run.Cutoff:u} waits (the newest sealed record always stays).");
            }

            if (run.Refused is { } refused)
            {
                output.WriteLine($"Archiving stopped: {refused}.");
                return 1;
            }

            return 0;
        }
        catch (Exception exception) when (DatabaseReadiness.IsDatabaseFailure(exception))
        {
            error.WriteLine(DatabaseReadiness.Explain(scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>(), exception));
            return 1;
        }
    }
}
