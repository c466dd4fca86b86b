using IdentityHub.Data;
using IdentityHub.Server.Configuration;

namespace IdentityHub.Server.Hosting;

/// <summary>Reads which database to use; needed before the options system is built.</summary>
internal sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string ConnectionStringKey = "ConnectionStrings:IdentityHub";
    public const string ProviderKey = IdentityHubOptions.Section + ":Database:Provider";

    public static DatabaseSettings From(IConfiguration configuration, IHostEnvironment environment)
    {
        var providerText = configuration[ProviderKey];
        var provider = DatabaseProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(providerText) && !Enum.TryParse(providerText, ignoreCase: true, out provider))
        {
            throw new StartupException($"{ProviderKey} is '{providerText}'; use Sqlite or Postgres.");
        }

        var connectionString = configuration[ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.Postgres)
            {
                throw new StartupException($"{ConnectionStringKey} is required when {ProviderKey} is Postgres (environment variable ConnectionStrings__IdentityHub).");
            }

            var folder = DataFolder(configuration, environment);
            Directory.CreateDirectory(folder);
            connectionString = $"Data Source={Path.Combine(folder, "identityhub.db")}";
        }

        return new DatabaseSettings(provider, connectionString);
    }

    public static string DataFolder(IConfiguration configuration, IHostEnvironment environment) =>
        Path.GetFullPath(configuration[IdentityHubOptions.Section + ":DataFolder"] ?? "App_Data", environment.ContentRootPath);
}
