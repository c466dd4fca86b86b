namespace IdentityHub.Server.Seeding;

public static class SeedingServices
{
    /// <summary>
    /// What runs at start once the database is ready: the configured clients, the terms, the demo user and demo members.
    /// Hosted services start in registration order, so this goes before the key ring's refresher.
    /// </summary>
    public static IServiceCollection AddIdentityHubSeeding(this IServiceCollection services)
    {
        services.AddHostedService<StartupTasks>();
        services.AddScoped<ClientRegistrar>();
        services.AddScoped<DemoUserSeeder>();
        services.AddScoped<DemoAdministrationSeeder>();
        services.AddScoped<DemoMembersSeeder>();
        services.AddScoped<TermsSeeder>();
        return services;
    }
}
