using IdentityHub.Data;
using IdentityHub.Server.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Seeding;

/// <summary>
/// Runs before the server takes requests: applies migrations (when enabled), registers the
/// configured clients and scopes, and seeds the demo user where enabled.
/// </summary>
internal sealed class StartupTasks(IServiceScopeFactory scopes, IOptions<IdentityHubOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var services = scope.ServiceProvider;
        if (options.Value.Database.MigrateOnStart)
        {
            await services.GetRequiredService<IdentityHubDbContext>().ApplyMigrationsAsync(cancellationToken);
        }

        await services.GetRequiredService<ClientRegistrar>().RegisterAsync(cancellationToken);
        await services.GetRequiredService<TermsSeeder>().SeedAsync();
        if (options.Value.SeedDemoUser)
        {
            await services.GetRequiredService<DemoUserSeeder>().SeedAsync();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
