using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using IdentityHub.Delivery;

namespace IdentityHub.Administration.Tests;

/// <summary>Keeps what the services send, delivered at once; set <see cref="Failing"/> to see how they take a failed delivery.</summary>
public sealed partial class SentMessages : IMessageSender
{
    private readonly ConcurrentQueue<DeliveryMessage> _messages = new();

    public bool Failing { get; set; }

    public IReadOnlyList<DeliveryMessage> All => [.. _messages];

    /// <summary>The messages sent to one address, oldest first.</summary>
    public IReadOnlyList<DeliveryMessage> To(string address) =>
        [.. _messages.Where(message => string.Equals(message.To, address, StringComparison.OrdinalIgnoreCase))];

    public DeliveryMessage LatestTo(string address) =>
        To(address) is { Count: > 0 } sent ? sent[^1] : throw new Xunit.Sdk.XunitException($"Nothing was sent to {address}.");

    /// <summary>The secret of the invitation link in the newest email to the address, as the invitee's click would carry it.</summary>
    public string LinkSecretTo(string address) =>
        InvitationLink().Match(LatestTo(address).Body) is { Success: true } match
            ? Uri.UnescapeDataString(match.Groups[1].Value)
            : throw new Xunit.Sdk.XunitException("No invitation link in: " + LatestTo(address).Body);

    [GeneratedRegex(@"https://login\.example-plan\.test/Account/Invitation\?code=([^\s&]+)")]
    private static partial Regex InvitationLink();

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
