namespace IdentityHub.Delivery;

/// <summary>What one channel attempt gave. Closed: only the three nested records derive from it.</summary>
public abstract record ChannelResult
{
    private ChannelResult()
    {
    }

    /// <summary>The provider accepted the message.</summary>
    /// <param name="ProviderMessageId">The provider's id for the message, when it gives one.</param>
    public sealed record Delivered(string? ProviderMessageId) : ChannelResult;

    /// <summary>Worth retrying or failing over: timeouts, 5xx, 429, connection refused.</summary>
    /// <param name="Reason">Why, without the message body.</param>
    public sealed record TransientFailure(string Reason) : ChannelResult;

    /// <summary>Not worth retrying on this channel: an invalid number, rejected credentials.</summary>
    /// <param name="Reason">Why, without the message body.</param>
    public sealed record PermanentFailure(string Reason) : ChannelResult;
}
