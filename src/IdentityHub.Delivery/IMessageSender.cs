namespace IdentityHub.Delivery;

/// <summary>Delivers a message through the configured channels, with retries, circuit breakers and failover.</summary>
public interface IMessageSender
{
    /// <summary>Delivers the message. Never throws for delivery problems; only for cancellation.</summary>
    Task<DeliveryOutcome> SendAsync(DeliveryMessage message, CancellationToken cancellationToken);
}
