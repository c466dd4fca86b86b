using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Data;

/// <summary>
/// Gets the database ready before the server serves or a command runs, and says in one line what is wrong
/// when it cannot: a wrong host or port, a missing database the role may not create, a missing password.
/// The server's start-up tasks then find nothing left to do. Both hosts and every command use it.
/// </summary>
public static class DatabaseReadiness
{
    /// <summary><c>IdentityHub:Database:MigrateOnStart</c>: whether a host brings the schema up to date as it starts.</summary>
    public const string MigrateOnStartKey = "IdentityHub:Database:MigrateOnStart";

    /// <summary>
    /// Migrates when <paramref name="migrate"/> (a host's <c>MigrateOnStart</c>), or checks that nothing is
    /// pending: what is wrong, or null when ready.
    /// </summary>
    public static async Task<string?> PrepareAsync(IServiceProvider services, bool migrate)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>();
        try
        {
            // With MigrateOnStart off the database must already be migrated.
            if (migrate)
            {
                await db.ApplyMigrationsAsync();
            }
            else if ((await db.Database.GetPendingMigrationsAsync()).Any())
            {
                return "The database has pending migrations: run the migrate command first.";
            }

            return null;
        }
        catch (Exception exception) when (IsDatabaseFailure(exception))
        {
            return Explain(db, exception);
        }
    }

    /// <summary>Failures of the database itself (EF Core wraps a refused connection in an InvalidOperationException).</summary>
    public static bool IsDatabaseFailure(Exception exception) => exception is DbException or InvalidOperationException or TimeoutException;

    /// <summary>One line naming the database and the server's own answer, without the connection string's secrets.</summary>
    public static string Explain(DbContext db, Exception exception)
    {
        var cause = exception;
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is DbException)
            {
                cause = inner;
                break;
            }
        }

        var connection = db.Database.GetDbConnection();
        return $"Cannot reach or prepare the database '{connection.Database}' at {connection.DataSource}: {cause.Message} "
            + "(check ConnectionStrings:IdentityHub and IdentityHub:Database:Provider).";
    }
}
