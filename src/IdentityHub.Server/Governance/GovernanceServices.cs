namespace IdentityHub.Server.Governance;

public static class GovernanceServices
{
    /// <summary>Security profiles at sign-in and the re-certification job (the administration services hold the rules).</summary>
    public static IServiceCollection AddIdentityHubGovernance(this IServiceCollection services)
    {
        services.AddScoped<PortalProfiles>();
        services.AddScoped<OrganizationContacts>();
        services.AddHostedService<RecertificationJob>();
        return services;
    }
}
