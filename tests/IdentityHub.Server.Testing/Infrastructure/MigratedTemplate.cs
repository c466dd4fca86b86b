using IdentityHub.Data;
using IdentityHub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IdentityHub.Server.Tests.Infrastructure;

/// <summary>
/// One database per test process migrated to the current schema, which every in-memory server's database is copied
/// from (<c>CREATE DATABASE ... TEMPLATE</c>): copying takes a fraction of running every migration for each of the
/// hundreds of hosts the suite starts. The server still checks its migrations at start and finds none pending.
/// Tests about migrating an empty database make their own with <see cref="PostgresCluster.CreateDatabaseAsync"/>.
/// </summary>
public static class MigratedTemplate
{
    private static readonly Lazy<Task<string>> Template = new(MigrateAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A new database holding the current schema and nothing else.</summary>
    public static async Task<string> CreateDatabaseAsync(string purpose) =>
        await PostgresCluster.Shared.CreateDatabaseAsync(purpose, await Template.Value);

    private static async Task<string> MigrateAsync()
    {
        var database = await PostgresCluster.Shared.CreateDatabaseAsync("template");
        // Not pooled: a template must have no session open when it is copied.
        var unpooled = new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString;
        // Built as the server builds it: Identity's part of the model follows the application's options.
        await using (var services = new ServiceCollection().AddIdentityHubDatabase(DatabaseProvider.Postgres, unpooled).BuildServiceProvider())
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>().Database.MigrateAsync();
        }

        return unpooled;
    }
}
