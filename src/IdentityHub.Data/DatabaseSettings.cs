using Microsoft.Extensions.Configuration;

namespace IdentityHub.Data;

/// <summary>
/// Reads which database to use, the same way in both hosts (the token server and the admin host share one
/// database); needed before the options system is built.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string ConnectionStringKey = "ConnectionStrings:IdentityHub";
    public const string ProviderKey = "IdentityHub:Database:Provider";
    public const string DataFolderKey = "IdentityHub:DataFolder";

    /// <param name="contentRootPath">What a relative <c>IdentityHub:DataFolder</c> is relative to.</param>
    /// <exception cref="DatabaseSettingsException">A setting names no usable database.</exception>
    public static DatabaseSettings From(IConfiguration configuration, string contentRootPath)
    {
        var providerText = configuration[ProviderKey];
        var provider = DatabaseProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(providerText) && !Enum.TryParse(providerText, ignoreCase: true, out provider))
        {
            throw new DatabaseSettingsException($"{ProviderKey} is '{providerText}'; use Sqlite or Postgres.");
        }

        var connectionString = configuration[ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.Postgres)
            {
                throw new DatabaseSettingsException($"{ConnectionStringKey} is required when {ProviderKey} is Postgres (environment variable ConnectionStrings__IdentityHub).");
            }

            var folder = DataFolder(configuration, contentRootPath);
            Directory.CreateDirectory(folder);
            connectionString = $"Data Source={Path.Combine(folder, "identityhub.db")}";
        }

        return new DatabaseSettings(provider, connectionString);
    }

    /// <summary>Where the embedded database and the development outbox live (<c>IdentityHub:DataFolder</c>, default <c>App_Data</c>).</summary>
    public static string DataFolder(IConfiguration configuration, string contentRootPath) =>
        Path.GetFullPath(configuration[DataFolderKey] ?? "App_Data", contentRootPath);
}

/// <summary>A database setting that stops a host from starting; the message names the key to fix.</summary>
public sealed class DatabaseSettingsException(string message) : Exception(message);
