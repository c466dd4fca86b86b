using Npgsql;

namespace IdentityHub.Testing;

/// <summary>
/// The PostgreSQL server the tests run against. <c>./build.sh test</c> starts a throwaway cluster and
/// passes its administrator connection string in <see cref="EnvironmentVariable"/>; a plain
/// <c>dotnet test</c> without it starts its own cluster for the test process. Every test host gets a
/// database of its own, so tests never see each other's rows.
/// </summary>
public sealed class PostgresCluster
{
    public const string EnvironmentVariable = "IDENTITYHUB_TEST_POSTGRES";

    private readonly Lazy<Task<string>> _administrator;

    private PostgresCluster(Func<Task<string>> start) =>
        _administrator = new Lazy<Task<string>>(start, LazyThreadSafetyMode.ExecutionAndPublication);

    public static PostgresCluster Shared { get; } = new(StartSharedAsync);

    /// <summary>
    /// Creates a database and returns its connection string: empty, or a copy of <paramref name="template"/> (a
    /// database made here that nothing is connected to), which PostgreSQL copies far faster than migrations run.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string purpose, string? template = null)
    {
        var administrator = await _administrator.Value;
        var name = DatabaseName(purpose);
        var copy = template is null ? "" : $" TEMPLATE \"{new NpgsqlConnectionStringBuilder(template).Database}\"";
        await ExecuteAsync(administrator, $"CREATE DATABASE \"{name}\"{copy}");
        return new NpgsqlConnectionStringBuilder(administrator) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing its connections.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var administrator = await _administrator.Value;
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteAsync(administrator, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static string DatabaseName(string purpose)
    {
        var safe = new string(purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(20).ToArray());
        return $"ih_{safe}_{Guid.NewGuid():N}";
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> StartSharedAsync()
    {
        var given = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            return given;
        }

        var cluster = await ThrowawayPostgres.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Dispose();
        return cluster.AdministratorConnectionString;
    }
}
