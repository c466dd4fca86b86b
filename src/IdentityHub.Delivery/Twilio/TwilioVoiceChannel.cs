using System.Security;

namespace IdentityHub.Delivery.Twilio;

/// <summary>Places calls that speak the message through Twilio's Calls resource with inline TwiML.</summary>
public sealed class TwilioVoiceChannel : IDeliveryChannel
{
    private readonly TwilioApi _api;
    private readonly string _from;

    /// <summary>Creates the channel from one validated <c>Voice</c> entry.</summary>
    public TwilioVoiceChannel(string name, ChannelOptions options, IHttpClientFactory httpClients)
    {
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        _from = options.From!;
        _api = new TwilioApi(httpClients, options);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public DeliveryKind Kind => DeliveryKind.Voice;

    /// <inheritdoc />
    public bool CanDeliverTo(string address) => AddressFormats.IsE164(address);

    /// <inheritdoc />
    public Task<ChannelResult> DeliverAsync(DeliveryMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var form = new Dictionary<string, string> { ["To"] = message.To, ["From"] = _from, ["Twiml"] = Twiml(message.Body) };
        return _api.PostAsync("Calls.json", form, cancellationToken);
    }

    /// <summary>The TwiML that says the words; the words are XML-escaped.</summary>
    internal static string Twiml(string words) => $"<Response><Say>{SecurityElement.Escape(words)}</Say></Response>";
}
