using System.Data.Common;
using IdentityHub.Data;
using IdentityHub.Server.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Hosting;

/// <summary>
/// Gets the database ready before the server serves or a command runs, and says in one line what is wrong
/// when it cannot: a wrong host or port, a missing database the role may not create, a missing password.
/// The server's start-up tasks then find nothing left to do.
/// </summary>
internal static class DatabaseReadiness
{
    /// <summary>Migrates as the server would at start (see <c>MigrateOnStart</c>): what is wrong, or null when ready.</summary>
    public static async Task<string?> PrepareAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>();
        try
        {
            // With MigrateOnStart off the database must already be migrated.
            if (services.GetRequiredService<IOptions<IdentityHubOptions>>().Value.Database.MigrateOnStart)
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
