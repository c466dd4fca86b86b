using System.Collections.Concurrent;
using IdentityHub.Delivery;

namespace IdentityHub.Administration.Tests;

/// <summary>Keeps what the services send, delivered at once; set <see cref="Failing"/> to see how they take a failed delivery.</summary>
public sealed class SentMessages : IMessageSender
{
    private readonly ConcurrentQueue<DeliveryMessage> _messages = new();

    public bool Failing { get; set; }

    public IReadOnlyList<DeliveryMessage> All => [.. _messages];

    /// <summary>The messages sent to one address, oldest first.</summary>
    public IReadOnlyList<DeliveryMessage> To(string address) =>
        [.. _messages.Where(message => string.Equals(message.To, address, StringComparison.OrdinalIgnoreCase))];

    public Task<DeliveryOutcome> SendAsync(DeliveryMessage message, CancellationToken cancellationToken)
    {
        if (Failing)
        {
            return Task.FromResult<DeliveryOutcome>(new DeliveryOutcome.Failed("the test made every channel fail"));
        }

        _messages.Enqueue(message);
        return Task.FromResult<DeliveryOutcome>(new DeliveryOutcome.Sent("test"));
    }
}
