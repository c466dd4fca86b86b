using IdentityHub.Administration.Organizations;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Administration;

public static class AdministrationServices
{
    /// <summary>
    /// The application services of delegated administration, the same for the admin API, its console and
    /// the token server's own pages (invitations, registration requests). Needs the database registered.
    /// </summary>
    public static IServiceCollection AddIdentityHubAdministration(this IServiceCollection services)
    {
        services.AddScoped<AdminCallers>();
        services.AddScoped<AdminAudit>();
        services.AddScoped<OrganizationDirectory>();
        return services;
    }
}
