using IdentityHub.Data;
using IdentityHub.Server.Hosting;

namespace IdentityHub.Server.Commands;

/// <summary><c>migrate</c>: applies pending database migrations and exits, without serving.</summary>
internal static class MigrateCommand
{
    public static async Task<int> RunAsync(IServiceProvider services)
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
            Console.Error.WriteLine(DatabaseReadiness.Explain(db, exception));
            return 1;
        }

        Console.WriteLine(applied.Count == 0
            ? "The database is up to date."
            : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
        return 0;
    }
}
