using IdentityHub.Delivery;

namespace IdentityHub.Server.Audit;

public static class AuditServices
{
    /// <summary>The audit log, and the writer that records every delivery attempt in it.</summary>
    public static IServiceCollection AddIdentityHubAudit(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<AuditLog>();
        services.AddSingleton<IDeliveryAudit, DeliveryAuditWriter>();
        return services;
    }
}
