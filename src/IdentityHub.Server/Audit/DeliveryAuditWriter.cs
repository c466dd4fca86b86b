using IdentityHub.Delivery;

namespace IdentityHub.Server.Audit;

/// <summary>
/// Lets the (singleton) message sender audit each delivery attempt through <see cref="AuditLog"/>,
/// in a scope of its own so that it never shares a request's unit of work.
/// </summary>
public sealed class DeliveryAuditWriter(IServiceScopeFactory scopes) : IDeliveryAudit
{
    public async Task RecordAsync(DeliveryAttempt attempt, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(attempt, cancellationToken);
    }
}
