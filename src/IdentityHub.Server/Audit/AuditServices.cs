using IdentityHub.Delivery;

namespace IdentityHub.Server.Audit;

public static class AuditServices
{
    /// <summary>The audit log, its queued writer for the token paths, the writer that records every delivery attempt in it, and its hash chain (sealing, verification).</summary>
    public static IServiceCollection AddIdentityHubAudit(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<AuditLog>();
        // The token paths' events, written in batches off the request (decision 0032).
        services.AddSingleton<QueuedAuditWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<QueuedAuditWriter>());
        services.AddSingleton<IDeliveryAudit, DeliveryAuditWriter>();
        services.AddScoped<AuditSealer>();
        services.AddScoped<AuditVerifier>();
        services.AddHostedService<AuditSealing>();
        return services;
    }
}
