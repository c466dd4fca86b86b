using IdentityHub.Server.Configuration;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Seeding;

/// <summary>
/// Runs before the server takes requests, on a database <see cref="Hosting.DatabaseReadiness"/> has
/// migrated before the host started: registers the configured clients and scopes, and seeds the terms
/// and, where enabled, the demo user and the demo roster members.
/// </summary>
internal sealed class StartupTasks(IServiceScopeFactory scopes, IOptions<IdentityHubOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var services = scope.ServiceProvider;
        await services.GetRequiredService<ClientRegistrar>().RegisterAsync(cancellationToken);
        await services.GetRequiredService<TermsSeeder>().SeedAsync();
        if (options.Value.SeedDemoUser)
        {
            await services.GetRequiredService<DemoUserSeeder>().SeedAsync();
            await services.GetRequiredService<DemoAdministrationSeeder>().SeedAsync();
            await services.GetRequiredService<DemoMembersSeeder>().SeedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
