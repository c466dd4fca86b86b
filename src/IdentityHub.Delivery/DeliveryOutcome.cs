namespace IdentityHub.Delivery;

/// <summary>The result a caller of <see cref="IMessageSender"/> sees. Closed: only the three nested records derive from it.</summary>
public abstract record DeliveryOutcome
{
    private DeliveryOutcome()
    {
    }

    /// <summary>A channel accepted the message.</summary>
    /// <param name="Channel">The name of the channel that accepted it.</param>
    public sealed record Sent(string Channel) : DeliveryOutcome;

    /// <summary>Every channel that could take the message is paused after repeated failures; try again shortly.</summary>
    /// <param name="Reason">Why, for the log and the support desk.</param>
    public sealed record Throttled(string Reason) : DeliveryOutcome;

    /// <summary>No channel delivered the message.</summary>
    /// <param name="Reason">Why, for the log and the support desk.</param>
    public sealed record Failed(string Reason) : DeliveryOutcome;
}
