using IdentityHub.Data;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IdentityHub.Server.Tests.Configuration;

/// <summary>
/// Rolling upgrades (O2, docs/migrations.md): while nodes are replaced one by one, the previous release runs on the
/// new release's schema. That holds when every migration only expands the schema (new tables, new columns that are
/// nullable or have a default, new indexes) and what the previous release still uses is removed only by a later
/// "Contract" migration. These tests hold migrations to that rule, and run a server, sign-in to refresh, on a
/// schema one expand step ahead of it, with a migration it does not know in its history.
/// </summary>
public sealed class RollingUpgradeTests
{
    /// <summary>The newest migration written before the rule; older ones are history (before the first release).</summary>
    private const string LastBeforeTheRule = "_AddRelyingParties";

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task Migrations_only_expand_the_schema_unless_they_are_named_as_a_contract_step(DatabaseProvider provider)
    {
        using var sqlite = new SqliteFile("expand-rule");
        await using var app = provider == DatabaseProvider.Sqlite ? sqlite.NewApp() : new IdentityHubApp();
        await app.InitializeAsync();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>();
        var migrations = db.GetService<IMigrationsAssembly>();
        var ids = migrations.Migrations.Keys.Order(StringComparer.Ordinal).ToList();
        var start = ids.FindIndex(id => id.EndsWith(LastBeforeTheRule, StringComparison.Ordinal));
        Assert.True(start >= 0, $"No migration named *{LastBeforeTheRule} in {db.Database.ProviderName}.");

        var offences = new List<string>();
        foreach (var id in ids.Skip(start + 1).Where(id => !id.EndsWith("Contract", StringComparison.Ordinal)))
        {
            var migration = migrations.CreateMigration(migrations.Migrations[id], db.Database.ProviderName!);
            offences.AddRange(migration.UpOperations.Where(operation => !Expands(operation, provider)).Select(operation => $"{id}: {Describe(operation)}"));
        }

        Assert.True(offences.Count == 0, "These steps break the previous release during a rolling upgrade; move them to a later migration named ...Contract (docs/migrations.md):\n" + string.Join('\n', offences));
    }

    [Fact]
    public void The_rule_tells_expanding_steps_from_breaking_ones()
    {
        Assert.True(Expands(new CreateTableOperation { Name = "Things" }, DatabaseProvider.Postgres));
        Assert.True(Expands(new AddColumnOperation { Table = "AspNetUsers", Name = "Note", ClrType = typeof(string), IsNullable = true }, DatabaseProvider.Postgres));
        Assert.True(Expands(new AddColumnOperation { Table = "AspNetUsers", Name = "Count", ClrType = typeof(int), DefaultValue = 0 }, DatabaseProvider.Postgres));
        Assert.False(Expands(new AddColumnOperation { Table = "AspNetUsers", Name = "Count", ClrType = typeof(int) }, DatabaseProvider.Postgres));
        Assert.False(Expands(new DropColumnOperation { Table = "AspNetUsers", Name = "Email" }, DatabaseProvider.Postgres));
        Assert.False(Expands(new RenameColumnOperation { Table = "AspNetUsers", Name = "Email", NewName = "Mail" }, DatabaseProvider.Postgres));
        Assert.False(Expands(new AlterColumnOperation { Table = "AspNetUsers", Name = "Email", ClrType = typeof(string) }, DatabaseProvider.Postgres));
        Assert.False(Expands(new DropTableOperation { Name = "AspNetUsers" }, DatabaseProvider.Postgres));
    }

    [Fact]
    public async Task A_server_signs_people_in_and_issues_tokens_on_the_schema_of_the_next_releases_expand_step()
    {
        await using var migrated = new IdentityHubApp();
        await migrated.InitializeAsync();
        _ = migrated.Services; // the host starts and applies this release's migrations
        await ExpandAsTheNextReleaseWouldAsync(migrated.ConnectionString);

        // This release's server, started again on the schema the next release left: it neither migrates back nor refuses.
        await using var previous = new IdentityHubApp().UseDatabase(migrated.ConnectionString);
        await previous.InitializeAsync();
        var user = await previous.CreateUserAsync("rolling-" + Guid.NewGuid().ToString("N")[..6]);
        var client = TokenClient.For(previous);
        var tokens = (await client.RedeemAsync(await previous.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest()))).EnsureSuccess();
        (await client.RefreshAsync(tokens.RefreshToken)).EnsureSuccess();
        (await TokenClient.For(previous, TestClients.Integration, TestClients.IntegrationSecret).ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess();

        await using var connection = new NpgsqlConnection(migrated.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("""SELECT count(*) FROM "OpenIddictTokens" WHERE "NextReleaseFlag" = false""", connection);
        Assert.True((long)(await count.ExecuteScalarAsync())! > 0, "The rows written by this release take the next release's default.");
    }

    /// <summary>What a next release's expand migration looks like: columns with defaults or nullable, a table, an index, and its history row.</summary>
    private static async Task ExpandAsTheNextReleaseWouldAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var expand = new NpgsqlCommand(
            """
            ALTER TABLE "AspNetUsers" ADD COLUMN "NextReleaseNote" text NULL;
            ALTER TABLE "AspNetUsers" ADD COLUMN "NextReleaseCount" integer NOT NULL DEFAULT 0;
            ALTER TABLE "OpenIddictTokens" ADD COLUMN "NextReleaseFlag" boolean NOT NULL DEFAULT false;
            CREATE TABLE "NextReleaseThings" ("Id" uuid PRIMARY KEY, "UserId" text NOT NULL REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE);
            CREATE INDEX "IX_AspNetUsers_NextReleaseCount" ON "AspNetUsers" ("NextReleaseCount");
            INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('29991231000000_NextReleaseExpand', '10.0.15');
            """, connection);
        await expand.ExecuteNonQueryAsync();
    }

    private static bool Expands(MigrationOperation operation, DatabaseProvider provider) => operation switch
    {
        CreateTableOperation or CreateIndexOperation or EnsureSchemaOperation or CreateSequenceOperation => true,
        AddColumnOperation column => column.IsNullable || column.DefaultValue is not null || column.DefaultValueSql is not null || column.ComputedColumnSql is not null,
        AddForeignKeyOperation or AddPrimaryKeyOperation or AddUniqueConstraintOperation => true,
        // SQLite rebuilds a table to change it: accepted there only when the PostgreSQL migration of the same name passes.
        _ when provider == DatabaseProvider.Sqlite && operation is DropTableOperation or RenameTableOperation or SqlOperation => true,
        InsertDataOperation or UpdateDataOperation => true,
        _ => false,
    };

    private static string Describe(MigrationOperation operation) => operation switch
    {
        DropColumnOperation drop => $"drops {drop.Table}.{drop.Name}",
        DropTableOperation drop => $"drops table {drop.Name}",
        RenameColumnOperation rename => $"renames {rename.Table}.{rename.Name} to {rename.NewName}",
        RenameTableOperation rename => $"renames table {rename.Name} to {rename.NewName}",
        AlterColumnOperation alter => $"changes {alter.Table}.{alter.Name}",
        AddColumnOperation add => $"adds {add.Table}.{add.Name}, not null without a default",
        _ => operation.GetType().Name,
    };
}
