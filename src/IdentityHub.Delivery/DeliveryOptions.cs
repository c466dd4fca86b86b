using IdentityHub.Delivery.Outbox;
using IdentityHub.Delivery.Resilience;

namespace IdentityHub.Delivery;

/// <summary>The <c>IdentityHub:Delivery</c> settings. Each list's order is its failover order.</summary>
public sealed class DeliveryOptions
{
    /// <summary>Email channels (<c>Smtp</c> or <c>Webhook</c>).</summary>
    public List<ChannelOptions> Email { get; set; } = [];

    /// <summary>SMS channels (<c>Twilio</c> or <c>Webhook</c>).</summary>
    public List<ChannelOptions> Sms { get; set; } = [];

    /// <summary>Voice channels (<c>Twilio</c> or <c>Webhook</c>).</summary>
    public List<ChannelOptions> Voice { get; set; } = [];

    /// <summary>The development outbox, tried before the lists when enabled.</summary>
    public OutboxOptions Outbox { get; set; } = new();

    /// <summary>Timeouts, retries and circuit breaker settings, applied to every channel.</summary>
    public DeliveryResilienceOptions Resilience { get; set; } = new();

    internal List<ChannelOptions> ChannelsOf(DeliveryKind kind) => kind switch
    {
        DeliveryKind.Email => Email,
        DeliveryKind.Sms => Sms,
        _ => Voice,
    };
}
