using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using IdentityHub.Delivery;

namespace IdentityHub.Server.Tests.Infrastructure;

/// <summary>
/// Every message the test server "sends", kept in memory: the tests read codes from here as a
/// person reads them from their phone or inbox. Registered as a real delivery channel per kind.
/// </summary>
public sealed partial class CapturedMessages
{
    private readonly ConcurrentQueue<DeliveryMessage> _messages = new();

    /// <summary>When set, the channels fail for this kind (as a dead provider would).</summary>
    public HashSet<DeliveryKind> Failing { get; } = [];

    public IReadOnlyList<DeliveryMessage> All => _messages.ToArray();

    public void Add(DeliveryMessage message) => _messages.Enqueue(message);

    public IReadOnlyList<DeliveryMessage> To(string address) => _messages.Where(m => m.To == address).ToList();

    public DeliveryMessage LatestTo(string address) =>
        _messages.LastOrDefault(m => m.To == address) ?? throw new Xunit.Sdk.XunitException($"Nothing was sent to {address}.");

    /// <summary>The code in the newest message to the address.</summary>
    public string CodeSentTo(string address) => CodeIn(LatestTo(address));

    public static string CodeIn(DeliveryMessage message)
    {
        // Voice messages speak the digits separated by commas.
        var digits = Regex.Replace(message.Body, @"(?<=\d), (?=\d)", "");
        return CodeDigits().Match(digits) is { Success: true } match ? match.Value
            : throw new Xunit.Sdk.XunitException("No code in: " + message.Body);
    }

    [GeneratedRegex(@"\b\d{6,10}\b")]
    private static partial Regex CodeDigits();
}

public abstract class CapturingChannel(CapturedMessages messages, DeliveryKind kind) : IDeliveryChannel
{
    public string Name => "captured-" + kind.ToString().ToLowerInvariant();

    public DeliveryKind Kind => kind;

    public bool CanDeliverTo(string address) => true;

    public Task<ChannelResult> DeliverAsync(DeliveryMessage message, CancellationToken cancellationToken)
    {
        if (messages.Failing.Contains(kind))
        {
            return Task.FromResult<ChannelResult>(new ChannelResult.PermanentFailure("The test made this provider fail."));
        }

        messages.Add(message);
        return Task.FromResult<ChannelResult>(new ChannelResult.Delivered(null));
    }
}

public sealed class CapturedEmail(CapturedMessages messages) : CapturingChannel(messages, DeliveryKind.Email);

public sealed class CapturedSms(CapturedMessages messages) : CapturingChannel(messages, DeliveryKind.Sms);

public sealed class CapturedVoice(CapturedMessages messages) : CapturingChannel(messages, DeliveryKind.Voice);
