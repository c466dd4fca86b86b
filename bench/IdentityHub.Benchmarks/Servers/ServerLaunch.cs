using System.Globalization;
using System.Security.Cryptography;
using IdentityHub.Benchmarks.Machine;
using IdentityHub.Benchmarks.Load;
using IdentityHub.Testing;
using Npgsql;

namespace IdentityHub.Benchmarks.Servers;

/// <summary>Starts the two servers under test, each pinned to the server core, on their own database.</summary>
public static class ServerLaunch
{
    /// <summary>
    /// IdentityHub as in production behind a TLS-terminating proxy (Production environment, forwarded
    /// headers on), on PostgreSQL, with the development outbox as its email channel.
    /// </summary>
    private static readonly string[] SignInRateLimits =
        ["SignInPerAddress", "SignInPerAccount", "CodeSendPerAddress", "CodeSendPerAccount", "CodeVerifyPerAddress", "CodeVerifyPerAccount"];

    public static async Task<Target> StartIdentityHubAsync(int core, string connectionString, string workFolder, string secret, bool withCounters)
    {
        var port = FreeTcpPort.Next();
        var metricsPort = FreeTcpPort.Next();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var issuer = new Uri($"https://localhost:{port}/");
        var dataFolder = Directory.CreateDirectory(Path.Combine(workFolder, "identityhub")).FullName;
        var outbox = Path.Combine(dataFolder, "outbox");
        // Outside Development the key ring must be encrypted with a certificate kept outside the database.
        var keyRing = TestCertificates.Create("IdentityHub benchmark key ring");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["IdentityHub__DataProtection__Certificate__Path"] = keyRing.Path,
            ["IdentityHub__DataProtection__Certificate__Password"] = keyRing.Password,
            ["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/'),
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            ["DOTNET_NOLOGO"] = "1",
            ["ConnectionStrings__IdentityHub"] = connectionString,
            ["IdentityHub__Database__Provider"] = "Postgres",
            ["IdentityHub__Issuer"] = issuer.ToString(),
            ["IdentityHub__DataFolder"] = dataFolder,
            ["IdentityHub__Delivery__Outbox__Enabled"] = "true",
            ["IdentityHub__Delivery__Outbox__Folder"] = outbox,
        };
        if (withCounters)
        {
            // Its counters (thread pool, overload queues, Npgsql's pool, GC) for the driver to scrape during each phase.
            environment["IdentityHub__Telemetry__Prometheus__Port"] = metricsPort.ToString(CultureInfo.InvariantCulture);
            environment["IdentityHub__Telemetry__Prometheus__Host"] = "localhost";
        }

        Configure(environment, 0, TargetClients.Rs256, secret);
        // The ES256 setup (IdentityHub's own rows, not compared with oidc-provider): ES256 access tokens for a second
        // resource and ES256 ID tokens for a second portal. A server that does not know the algorithm keys signs RS256
        // (the driver warns).
        Configure(environment, 1, TargetClients.Es256, secret);

        // The driver signs thousands of people in from one address: the rate limits (tested in the suite)
        // would refuse most of them, and the benchmark measures the work of a sign-in, not the limiter's.
        foreach (var rule in SignInRateLimits)
        {
            environment[$"IdentityHub__RateLimits__{rule}__Limit"] = "1000000";
        }

        var server = RepositoryLayout.BuildOutput("src/IdentityHub.Server");
        var process = PinnedProcess.Start(core, "dotnet", [server], Path.GetDirectoryName(server)!, environment, Path.Combine(workFolder, "identityhub.log"));
        await process.WaitUntilServingAsync(new Uri(baseAddress, ".well-known/openid-configuration"), TimeSpan.FromSeconds(120));
        return new Target("IdentityHub", baseAddress, issuer, process, new TargetPaths("/connect/authorize", "/connect/token", "/connect/userinfo", "/connect/introspect"), secret)
        {
            Outbox = new OutboxCodes(outbox),
            Counters = withCounters ? new ServerCounters(new Uri($"http://localhost:{metricsPort}/metrics"), process.Id) : null,
        };
    }

    /// <summary>
    /// An API resource (number <paramref name="index"/>), a service client and a portal client (numbers 2×index and
    /// 2×index + 1) that asks for it; a setup other than RS256 names its algorithm for the resource's access tokens and
    /// the portal's ID tokens.
    /// </summary>
    private static void Configure(Dictionary<string, string> environment, int index, TargetClients clients, string secret)
    {
        var (resource, service, portal) = ($"IdentityHub__ApiResources__{index}__", $"IdentityHub__Clients__{2 * index}__", $"IdentityHub__Clients__{2 * index + 1}__");
        environment[resource + "Name"] = clients.ApiScope;
        environment[service + "ClientId"] = clients.Service;
        environment[service + "ClientSecret"] = secret;
        environment[service + "GrantTypes__0"] = "client_credentials";
        environment[service + "Scopes__0"] = clients.ApiScope;
        environment[portal + "ClientId"] = clients.Portal;
        environment[portal + "ClientSecret"] = secret;
        environment[portal + "RedirectUris__0"] = Target.RedirectUri;
        environment[portal + "Scopes__0"] = clients.ApiScope;
        if (clients.Algorithm != TargetClients.Rs256.Algorithm)
        {
            environment[resource + "AccessTokenSigningAlgorithm"] = clients.Algorithm;
            environment[portal + "IdTokenSigningAlgorithm"] = clients.Algorithm;
        }
    }

    /// <summary>panva's oidc-provider (bench/oidc-provider/server.js) on Node.js, its models in PostgreSQL.</summary>
    public static async Task<Target> StartOidcProviderAsync(int core, string connectionString, string workFolder, string secret)
    {
        var port = FreeTcpPort.Next();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var issuer = new Uri($"https://localhost:{port}");
        var folder = Path.Combine(RepositoryLayout.Root, "bench", "oidc-provider");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "oidc-provider")))
        {
            throw new InvalidOperationException($"oidc-provider is not installed: run npm ci in {folder} (bench/run does).");
        }

        var pg = new NpgsqlConnectionStringBuilder(connectionString);
        var environment = new Dictionary<string, string>
        {
            ["NODE_ENV"] = "production",
            ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ISSUER"] = issuer.ToString().TrimEnd('/'),
            ["DATABASE_URL"] = $"postgres://{pg.Username}@{pg.Host}:{pg.Port}/{pg.Database}",
            ["CLIENT_SECRET"] = secret,
        };
        var process = PinnedProcess.Start(core, "node", ["server.js"], folder, environment, Path.Combine(workFolder, "oidc-provider.log"));
        await process.WaitUntilServingAsync(new Uri(baseAddress, ".well-known/openid-configuration"), TimeSpan.FromSeconds(60));
        var target = new Target("oidc-provider", baseAddress, issuer, process, new TargetPaths("/auth", "/token", "/me", "/token/introspection"), secret)
        {
            OfflineAccessPrompt = "consent",
        };
        target.SignIn = async (session, user, cancellationToken) =>
            await OAuthFlows.AuthorizeAsync(session, new AuthorizationRequest(session.Target.Clients.SsoScope, user.Id), cancellationToken);
        return target;
    }

    public static string NewSecret() => RandomNumberGenerator.GetHexString(32);

    /// <summary>Creates an empty database on the cluster and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string administrator, string name)
    {
        await using (var connection = new NpgsqlConnection(administrator))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(administrator) { Database = name, MaxPoolSize = 100 }.ConnectionString;
    }

    /// <summary>The postmaster's process id: the parent of any backend.</summary>
    public static async Task<int> PostmasterPidAsync(string administrator)
    {
        await using var connection = new NpgsqlConnection(administrator);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var backend = (int)(await command.ExecuteScalarAsync())!;
        var stat = await File.ReadAllTextAsync($"/proc/{backend}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
