using IdentityHub.Data;
using IdentityHub.Server.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Commands;

/// <summary>Gets the database ready for a command that does not serve: what is wrong, or null when ready.</summary>
internal static class CommandDatabase
{
    public static async Task<string?> ReadyAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>();
        try
        {
            // As the server would at start; with MigrateOnStart off the database must already be migrated.
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
        catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException)
        {
            return "Cannot reach the database: " + exception.Message;
        }
    }
}
