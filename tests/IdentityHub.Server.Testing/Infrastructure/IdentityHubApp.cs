using IdentityHub.Core.Mfa;
using IdentityHub.Data;
using IdentityHub.Data.Users;
using IdentityHub.Delivery;
using IdentityHub.Server.Hosting;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.Terms;
using IdentityHub.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace IdentityHub.Server.Tests.Infrastructure;

/// <summary>
/// The token server in memory on its own fresh PostgreSQL database, with a fake clock. HTTPS base
/// address, so OpenIddict's transport-security rule stays on as in production.
/// </summary>
public sealed class IdentityHubApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);
    private string? _connectionString;
    private bool _ownsDatabase;
    private bool _logCommands;
    private string _environment = "Testing";
    private readonly List<ILoggerProvider> _logProviders = [];
    private readonly List<Action<IServiceCollection>> _services = [];

    static IdentityHubApp()
    {
        // Many hosts run at once in a test run: file providers poll rather than each holding inotify
        // instances (128 per user by default), and no host watches its settings files.
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
    }

    public IdentityHubApp()
    {
        ClientOptions.BaseAddress = new Uri("https://localhost");
        ClientOptions.AllowAutoRedirect = false;
        ClientOptions.HandleCookies = false;
    }

    /// <summary>Starts at the real current time, so tokens also pass IdentityModel's own checks.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>The recovery codes made for each test user (by user id).</summary>
    public Dictionary<string, IReadOnlyList<string>> RecoveryCodesOf { get; } = [];

    /// <summary>What the server sent: codes by email, text and voice.</summary>
    public CapturedMessages Messages { get; } = new();

    /// <summary>What the server logged at warning level or above.</summary>
    public CapturedLogs Logs { get; } = new();

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("Call InitializeAsync first.");

    /// <summary>Uses an existing database (to restart "the same server") instead of a new one.</summary>
    public IdentityHubApp UseDatabase(string connectionString)
    {
        _connectionString = connectionString;
        return this;
    }

    /// <summary>Set by <see cref="LogCommands"/>: every database command the app runs, by request.</summary>
    public CommandLog? Commands { get; private set; }

    /// <summary>Records the app's database commands in <see cref="Commands"/> (call before the first request).</summary>
    public IdentityHubApp LogCommands()
    {
        _logCommands = true;
        return this;
    }

    /// <summary>Runs the app in another environment than "Testing" (e.g. Development; call before the first request).</summary>
    public IdentityHubApp InEnvironment(string name)
    {
        _environment = name;
        return this;
    }

    /// <summary>Also logs to <paramref name="provider"/>, at the levels the settings allow (call before the first request).</summary>
    public IdentityHubApp LogTo(ILoggerProvider provider)
    {
        _logProviders.Add(provider);
        return this;
    }

    /// <summary>Changes the app's services after everything else (a test double; call before the first request).</summary>
    public IdentityHubApp WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    public IdentityHubApp With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    public async Task InitializeAsync()
    {
        if (_connectionString is null)
        {
            _connectionString = await MigratedTemplate.CreateDatabaseAsync("server");
            _ownsDatabase = true;
        }
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>
    /// Stops the host, then drops the database it made (closing its pooled connections): hundreds of
    /// hosts run in one test process, and idle pools left behind would use up the server's connections.
    /// A database given with <see cref="UseDatabase"/> belongs to whoever made it: only its idle
    /// connections are closed.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Commands?.Dispose();
        if (_ownsDatabase)
        {
            _ownsDatabase = false;
            await PostgresCluster.Shared.DropDatabaseAsync(_connectionString!);
        }
        else if (_connectionString is not null)
        {
            using var connection = new NpgsqlConnection(_connectionString);
            NpgsqlConnection.ClearPool(connection);
        }
    }

    /// <summary>A browser-like client: its own cookies, no automatic redirects.</summary>
    public Browser NewBrowser(string? language = null) => new(this, language);

    /// <summary>A user with an email method enrolled (so sign-in goes to the challenge), unless told otherwise.</summary>
    public async Task<IdentityHubUser> CreateUserAsync(string userName, string password = TestUsers.Password, bool enrollEmail = true, bool withRecoveryCodes = true, bool acceptTerms = true)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityHubUser>>();
        var user = new IdentityHubUser
        {
            UserName = userName,
            GivenName = "Rosa",
            FamilyName = "Ramirez",
            Email = userName + "@clinic.example",
            EmailConfirmed = true,
            PhoneNumber = "+16505552652",
        };
        var result = await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        if (enrollEmail)
        {
            await scope.ServiceProvider.GetRequiredService<EnrolledMethods>().AddAsync(user.Id, MfaMethodKind.Email, user.Email!);
        }

        if (acceptTerms && await scope.ServiceProvider.GetRequiredService<TermsService>().CurrentAsync() is { } terms)
        {
            await scope.ServiceProvider.GetRequiredService<TermsService>().AcceptAsync(user, terms, user.GivenName!, user.FamilyName!);
        }

        if (withRecoveryCodes)
        {
            // Made at the first enrollment; test users have them so that sign-ins go straight through.
            RecoveryCodesOf[user.Id] = await scope.ServiceProvider.GetRequiredService<RecoveryCodeStore>().GenerateAsync(user.Id);
        }

        return user;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("ConnectionStrings:IdentityHub", ConnectionString);
        builder.UseSetting("IdentityHub:Database:Provider", "Postgres");
        // As in production, the Data Protection key ring is encrypted with a certificate outside the database.
        builder.UseSetting("IdentityHub:DataProtection:Certificate:Path", TestCertificates.KeyRing.Path);
        builder.UseSetting("IdentityHub:DataProtection:Certificate:Password", TestCertificates.KeyRing.Password);
        foreach (var (key, value) in TestClients.Settings().Concat(_settings))
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Logs);
            _logProviders.ForEach(provider => logging.AddProvider(provider));
        });
        builder.ConfigureServices(services =>
        {
            // First of the hosted services, as Program migrates before the host starts.
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService, MigrateFirst>());
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton(Messages);
            services.AddSingleton<IStartupFilter, TestPeerAddress>();
            services.AddDeliveryChannel<CapturedEmail>();
            services.AddDeliveryChannel<CapturedSms>();
            services.AddDeliveryChannel<CapturedVoice>();
            if (_logCommands)
            {
                Commands ??= new CommandLog(new NpgsqlConnectionStringBuilder(ConnectionString).Database!);
            }

            _services.ForEach(configure => configure(services));
        });
    }
}

public static class TestUsers
{
    /// <summary>Long enough for the password rules; the tests' users are throwaway.</summary>
    public const string Password = "correct horse battery staple";
}

/// <summary>What <c>Program</c> does before serving, for the in-memory server: the database is migrated first.</summary>
internal sealed class MigrateFirst(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await ServerDatabase.PrepareAsync(services) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
