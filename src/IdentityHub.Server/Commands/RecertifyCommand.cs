using IdentityHub.Administration.Governance;
using IdentityHub.Data;
using IdentityHub.Server.Hosting;

namespace IdentityHub.Server.Commands;

/// <summary>
/// <c>recertify</c>: runs the re-certification job now (D7), as every node does each
/// <c>IdentityHub:Governance:JobInterval</c>: reminders to administrators, then suspension of access not confirmed
/// by its deadline. Safe beside running nodes; prints what it did.
/// </summary>
internal static class RecertifyCommand
{
    public const string Verb = "recertify";

    public static readonly CommandSpec Spec = new(Verb, "Runs the re-certification job now: reminders to administrators, then suspension of access not confirmed by its deadline. Safe beside running nodes.");

    public static Task<int> RunAsync(IServiceProvider services, TextWriter output) => RunAsync(services, output, Console.Error);

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, TextWriter error)
    {
        await using var scope = services.CreateAsyncScope();
        try
        {
            var result = await scope.ServiceProvider.GetRequiredService<RecertificationRun>().RunAsync();
            output.WriteLine($"Re-certification: {result.Reminded} person(s) due soon, {result.EmailsSent} reminder email(s) sent to administrators, {result.Suspended} person(s) suspended.");
            return 0;
        }
        catch (Exception exception) when (DatabaseReadiness.IsDatabaseFailure(exception))
        {
            error.WriteLine(DatabaseReadiness.Explain(scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>(), exception));
            return 1;
        }
    }
}
