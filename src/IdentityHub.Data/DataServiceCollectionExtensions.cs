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
                var postgres = WithoutResetOnClose(connectionString);
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
    /// EF Core opens and closes its connection around each command, and Npgsql by default resets a pooled
    /// connection with <c>DISCARD ALL</c> each time: one extra round trip per query. IdentityHub keeps no
    /// session state on its connections, so the reset is turned off unless the connection string says otherwise.
    /// </summary>
    public static string WithoutResetOnClose(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Reset", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }
}
