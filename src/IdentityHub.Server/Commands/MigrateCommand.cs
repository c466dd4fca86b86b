using IdentityHub.Data;
using IdentityHub.Server.Hosting;

namespace IdentityHub.Server.Commands;

/// <summary><c>migrate</c>: applies pending database migrations and exits, without serving.</summary>
internal static class MigrateCommand
{
    public const string Verb = "migrate";

    public static readonly CommandSpec Spec = new(Verb, "Applies pending database migrations (creating the database first if it does not exist) and exits, without serving.")
    {
        Details = "Run it as its own deployment step with IdentityHub:Database:MigrateOnStart=false on the servers.",
    };

    public static Task<int> RunAsync(IServiceProvider services) => RunAsync(services, Console.Out, Console.Error);

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, TextWriter error)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>();
        IReadOnlyList<string> applied;
        try
        {
            applied = await db.ApplyMigrationsAsync();
        }
        catch (Exception exception) when (DatabaseReadiness.IsDatabaseFailure(exception))
        {
            error.WriteLine(DatabaseReadiness.Explain(db, exception));
            return 1;
        }

        output.WriteLine(applied.Count == 0
            ? "The database is up to date."
            : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
        return 0;
    }
}
