namespace IdentityHub.Delivery;

/// <summary>The default audit: records nothing. The server registers its own.</summary>
internal sealed class NoOpDeliveryAudit : IDeliveryAudit
{
    public Task RecordAsync(DeliveryAttempt attempt, CancellationToken cancellationToken) => Task.CompletedTask;
}
