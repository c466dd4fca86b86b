using IdentityHub.Core.Organizations;
using IdentityHub.Data;
using IdentityHub.Data.Organizations;
using IdentityHub.Data.Users;
using IdentityHub.Delivery;
using IdentityHub.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IdentityHub.Administration.Tests;

/// <summary>
/// The administration services on their own fresh PostgreSQL database, with a fake clock: what the admin
/// host and the console call, without HTTP in between.
/// </summary>
public sealed class AdministrationDatabase : IAsyncLifetime
{
    private ServiceProvider? _services;

    /// <summary>
    /// Starts now, on a whole second: PostgreSQL keeps microseconds and .NET ticks of 100 ns, so a time read back
    /// equals the one written only when the clock has no finer part.
    /// </summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    /// <summary>Every message the services sent, instead of a delivery channel.</summary>
    public SentMessages Sent { get; } = new();

    public async Task InitializeAsync()
    {
        var connectionString = await PostgresCluster.Shared.CreateDatabaseAsync("admin");
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [TokenServerLinks.IssuerKey] = "https://login.example-plan.test/",
            }).Build())
            .AddSingleton<IMessageSender>(Sent)
            .AddLogging()
            .AddIdentityHubDatabase(DatabaseProvider.Postgres, connectionString)
            .AddIdentityHubAdministration();
        // Ending sessions revokes tokens through OpenIddict's managers, registered as both hosts register them.
        services.AddOpenIddict().AddCore(options => options.UseEntityFrameworkCore().UseDbContext<IdentityHubDbContext>());
        _services = services.BuildServiceProvider();
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>().ApplyMigrationsAsync();
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    /// <summary>Runs <paramref name="work"/> in a scope of its own, as one request would.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _services!.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<T> QueryAsync<T>(Func<IdentityHubDbContext, Task<T>> query) =>
        InScopeAsync(services => query(services.GetRequiredService<IdentityHubDbContext>()));

    /// <summary>A person with a role (and an organization, for organization roles), as the caller the services would see.</summary>
    public Task<AdminCaller> PersonAsync(AdministrativeRole role, string? organizationId = null) => InScopeAsync(async services =>
    {
        var db = services.GetRequiredService<IdentityHubDbContext>();
        var name = role.ToString().ToLowerInvariant() + "-" + Guid.NewGuid().ToString("N")[..8];
        var user = new IdentityHubUser { UserName = name, NormalizedUserName = name.ToUpperInvariant(), AdministrativeRole = role, OrganizationId = organizationId };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return await services.GetRequiredService<AdminCallers>().FindAsync(user.Id)
            ?? new AdminCaller(user.Id, role, organizationId);
    });

    /// <summary>An organization stored directly, with a Tax ID of its own.</summary>
    public Task<Organization> OrganizationAsync(string name) => InScopeAsync(async services =>
    {
        var db = services.GetRequiredService<IdentityHubDbContext>();
        var organization = new Organization
        {
            Name = name,
            TaxId = NewTaxId(),
            Address = new PostalAddress { Line1 = "1 Main Street", City = "Albany", State = "NY", PostalCode = "12207" },
            Phone = "+15185550100",
            CreatedAt = Clock.GetUtcNow(),
        };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        return organization;
    });

    private static int s_taxIds = 100_000_000;

    /// <summary>A Tax ID no other organization of this test run has.</summary>
    public static string NewTaxId() => Interlocked.Increment(ref s_taxIds).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
