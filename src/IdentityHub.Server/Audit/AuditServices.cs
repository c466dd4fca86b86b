using IdentityHub.Data.Audit;
using IdentityHub.Delivery;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IdentityHub.Server.Audit;

public static class AuditServices
{
    /// <summary>The audit log, its queued writer for the token paths, the writer that records every delivery attempt in it, its hash chain (sealing, verification) and its retention (archiving).</summary>
    public static IServiceCollection AddIdentityHubAudit(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<AuditLog>();
        // The token paths' events, written in batches off the request (decision 0032).
        services.AddSingleton<QueuedAuditWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<QueuedAuditWriter>());
        services.AddSingleton<IDeliveryAudit, DeliveryAuditWriter>();
        services.AddScoped<AuditSealer>();
        services.TryAddScoped<AuditVerifier>();
        services.TryAddScoped<AuditArchiveCheck>();
        services.AddHostedService<AuditSealing>();
        services.AddOptions<AuditRetentionOptions>()
            .BindConfiguration(AuditRetentionOptions.Section)
            .Validate(audit => audit.Retention >= TimeSpan.FromDays(1),
                $"{AuditRetentionOptions.Section}:Retention must be at least one day (the default is 2190.00:00:00, six years).")
            .ValidateOnStart();
        services.AddScoped<AuditArchiver>();
        services.AddHostedService<AuditArchiving>();
        return services;
    }
}
