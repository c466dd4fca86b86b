using IdentityHub.Data;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Server.Tests.Configuration;

/// <summary>
/// Each provider's migrations, applied by the server to an empty database, build exactly the model
/// the code declares: a change to the model without a migration for both providers fails here
/// (docs/migrations.md says how to add one).
/// </summary>
public sealed class MigrationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task On_an_empty_database_the_migrations_build_the_current_model(DatabaseProvider provider)
    {
        using var sqlite = new SqliteFile("migrations");
        await using var app = provider == DatabaseProvider.Sqlite ? sqlite.NewApp() : new IdentityHubApp();
        await app.InitializeAsync();

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>();

        Assert.IsType(provider == DatabaseProvider.Sqlite ? typeof(SqliteIdentityHubDbContext) : typeof(PostgresIdentityHubDbContext), db);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes that no migration holds; see docs/migrations.md.");
        Assert.Empty(await db.ApplyMigrationsAsync());
    }
}
