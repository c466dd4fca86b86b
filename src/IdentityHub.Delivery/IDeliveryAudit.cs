namespace IdentityHub.Delivery;

/// <summary>Records delivery attempts. The server implements it over its audit table; the default does nothing.</summary>
public interface IDeliveryAudit
{
    /// <summary>Records one channel attempt. Called by the sender once per attempt, retries included.</summary>
    Task RecordAsync(DeliveryAttempt attempt, CancellationToken cancellationToken);
}
