using IdentityHub.Data;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Hosting;

namespace IdentityHub.Server.Commands;

/// <summary>
/// <c>verify-audit</c>: seals what is written, then walks the audit chain and reports the first broken link
/// (exit code 1) or that it is intact (0), with the head hash to keep elsewhere.
/// </summary>
internal static class VerifyAuditCommand
{
    public const string Verb = "verify-audit";

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<AuditSealer>().SealAsync();
            var result = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
            if (!result.Intact)
            {
                output.WriteLine($"The audit chain is broken at record {result.BrokenAt} (reference {result.BrokenReference}): {result.Problem}. {result.Checked} record(s) before it are intact.");
                return 1;
            }

            output.WriteLine($"The audit chain is intact: {result.Checked} record(s) checked, head hash {result.HeadHash}.");
            return 0;
        }
        catch (Exception exception) when (DatabaseReadiness.IsDatabaseFailure(exception))
        {
            Console.Error.WriteLine(DatabaseReadiness.Explain(scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>(), exception));
            return 1;
        }
    }
}
