using IdentityHub.Data;
using IdentityHub.Data.Audit;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Hosting;

namespace IdentityHub.Server.Commands;

/// <summary>
/// <c>verify-audit</c>: seals what is written, then walks the audit chain (from the newest archive's head when
/// records were archived) and reports the first broken link (exit code 1) or that it is intact (0), with the
/// head hash to keep elsewhere. <c>verify-audit --archive &lt;file&gt;</c> checks one archive file instead.
/// </summary>
internal static class VerifyAuditCommand
{
    public const string Verb = "verify-audit";

    public static readonly CommandSpec Spec = new(Verb, "Seals what is written, then walks the audit chain and reports the first broken link, or that it is intact with the head hash to keep elsewhere.")
    {
        Options = [new("--archive", "file", "Check one archive file (audit-<first>-<last>.jsonl) instead of the table.")],
        Details = "Exit code 1 when the chain or the archive is broken.",
    };

    public static Task<int> RunAsync(IServiceProvider services, TextWriter output) => RunAsync(services, [], output);

    public static Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output) => RunAsync(services, args, output, Console.Error);

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (Spec.Parse(args, error) is not { } parsed)
        {
            return ExitCodes.Usage;
        }

        if (parsed.Value("--archive") is { } file)
        {
            return await CheckArchiveAsync(services, file, output, error);
        }

        await using var scope = services.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<AuditSealer>().SealAsync();
            var result = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
            var archived = result.ArchivedThrough is { } through ? $" after the archives (records 1 to {through})" : "";
            if (!result.Intact)
            {
                output.WriteLine($"The audit chain is broken at record {result.BrokenAt} (reference {result.BrokenReference}): {result.Problem}. {result.Checked} record(s) before it{archived} are intact.");
                return 1;
            }

            output.WriteLine($"The audit chain is intact: {result.Checked} record(s) checked{archived}, head record {result.HeadSequence}, head hash {result.HeadHash}.");
            return 0;
        }
        catch (Exception exception) when (DatabaseReadiness.IsDatabaseFailure(exception))
        {
            error.WriteLine(DatabaseReadiness.Explain(scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>(), exception));
            return 1;
        }
    }

    private static async Task<int> CheckArchiveAsync(IServiceProvider services, string file, TextWriter output, TextWriter error)
    {
        if (!File.Exists(file))
        {
            error.WriteLine($"There is no file {file}.");
            return ExitCodes.Failure;
        }

        await using var scope = services.CreateAsyncScope();
        try
        {
            var report = await scope.ServiceProvider.GetRequiredService<AuditArchiveCheck>().CheckAsync(file);
            if (!report.Intact)
            {
                output.WriteLine($"The archive {report.FileName} is broken: {report.Problem}.");
                return 1;
            }

            output.WriteLine(report.Registered
                ? $"The archive {report.FileName} is intact: records {report.FirstSequence} to {report.LastSequence} ({report.Count}), SHA-256 {report.FileHash}, as recorded when it was archived."
                : $"The archive {report.FileName} holds an intact chain, records {report.FirstSequence} to {report.LastSequence} ({report.Count}), SHA-256 {report.FileHash}; no archive row in this database names it, so nothing vouches for it but the chain itself.");
            return 0;
        }
        catch (Exception exception) when (DatabaseReadiness.IsDatabaseFailure(exception))
        {
            error.WriteLine(DatabaseReadiness.Explain(scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>(), exception));
            return 1;
        }
    }
}
