using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IdentityHubDbContext"/> backed by the chosen provider, with the
    /// provider's own migrations and OpenIddict's entities. Contexts are pooled: every request uses
    /// several, and a pooled one skips building its options and services each time.
    /// </summary>
    public static IServiceCollection AddIdentityHubDatabase(this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        // Identity's part of the model depends on its schema version, read from the application's
        // IdentityOptions: every host on this database (token server, admin host) must build the same model.
        services.Configure<Microsoft.AspNetCore.Identity.IdentityOptions>(options => options.Stores.SchemaVersion = Microsoft.AspNetCore.Identity.IdentitySchemaVersions.Version3);
        switch (provider)
        {
            case DatabaseProvider.Postgres:
                var postgres = TunedForIdentityHub(connectionString);
                services.AddDbContextPool<IdentityHubDbContext, PostgresIdentityHubDbContext>(options => options
                    .UseNpgsql(postgres)
                    .UseOpenIddict());
                break;
            case DatabaseProvider.Sqlite:
                services.AddDbContextPool<IdentityHubDbContext, SqliteIdentityHubDbContext>(options => options
                    .UseSqlite(connectionString)
                    .UseOpenIddict());
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider.");
        }

        return services;
    }

    /// <summary>
    /// Npgsql settings IdentityHub chooses unless the connection string says otherwise:
    /// <list type="bullet">
    /// <item><c>No Reset On Close=true</c>: EF Core opens and closes its connection around each command, and the
    /// default reset (<c>DISCARD ALL</c>) would cost a round trip per query; IdentityHub keeps no session state.</item>
    /// <item><c>Max Auto Prepare=64</c>: the statements a node runs over and over (the token stores', the user
    /// reads) are prepared on each physical connection after their second use, so PostgreSQL parses and plans
    /// them once (decision 0044). Behind a transaction pooler that cannot track prepared statements (PgBouncer
    /// before 1.21), set <c>Max Auto Prepare=0</c>.</item>
    /// </list>
    /// </summary>
    public static string TunedForIdentityHub(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Reset", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase) &&
            !connectionString.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }
}
