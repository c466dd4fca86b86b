using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IdentityHubDbContext"/> backed by the chosen provider, with the
    /// provider's own migrations and OpenIddict's entities.
    /// </summary>
    public static IServiceCollection AddIdentityHubDatabase(this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Postgres:
                services.AddDbContext<IdentityHubDbContext, PostgresIdentityHubDbContext>(options => options
                    .UseNpgsql(connectionString)
                    .UseOpenIddict());
                break;
            case DatabaseProvider.Sqlite:
                services.AddDbContext<IdentityHubDbContext, SqliteIdentityHubDbContext>(options => options
                    .UseSqlite(connectionString)
                    .UseOpenIddict());
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider.");
        }

        return services;
    }
}
