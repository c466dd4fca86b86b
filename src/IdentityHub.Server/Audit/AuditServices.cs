using IdentityHub.Delivery;

namespace IdentityHub.Server.Audit;

public static class AuditServices
{
    /// <summary>The audit log, the writer that records every delivery attempt in it, and its hash chain (sealing, verification).</summary>
    public static IServiceCollection AddIdentityHubAudit(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<AuditLog>();
        services.AddSingleton<IDeliveryAudit, DeliveryAuditWriter>();
        services.AddScoped<AuditSealer>();
        services.AddScoped<AuditVerifier>();
        services.AddHostedService<AuditSealing>();
        return services;
    }
}
