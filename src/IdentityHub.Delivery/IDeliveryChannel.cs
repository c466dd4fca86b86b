namespace IdentityHub.Delivery;

/// <summary>
/// One way of delivering messages of one kind (an SMTP relay, an SMS provider account, a webhook).
/// Expected failures are returned as <see cref="ChannelResult"/>, not thrown; only cancellation throws.
/// </summary>
public interface IDeliveryChannel
{
    /// <summary>A unique name, e.g. <c>smtp-primary</c>; it appears in the audit log and keys the circuit breaker.</summary>
    string Name { get; }

    /// <summary>The kind of message this channel delivers.</summary>
    DeliveryKind Kind { get; }

    /// <summary>Whether the address has a shape this channel can deliver to.</summary>
    bool CanDeliverTo(string address);

    /// <summary>Makes one delivery attempt.</summary>
    Task<ChannelResult> DeliverAsync(DeliveryMessage message, CancellationToken cancellationToken);
}
