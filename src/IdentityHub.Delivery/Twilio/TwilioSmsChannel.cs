namespace IdentityHub.Delivery.Twilio;

/// <summary>Sends text messages through Twilio's Messages resource (or an API of the same shape).</summary>
public sealed class TwilioSmsChannel : IDeliveryChannel
{
    private readonly TwilioApi _api;
    private readonly string _from;

    /// <summary>Creates the channel from one validated <c>Sms</c> entry.</summary>
    public TwilioSmsChannel(string name, ChannelOptions options, IHttpClientFactory httpClients)
    {
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        _from = options.From!;
        _api = new TwilioApi(httpClients, options);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public DeliveryKind Kind => DeliveryKind.Sms;

    /// <inheritdoc />
    public bool CanDeliverTo(string address) => AddressFormats.IsE164(address);

    /// <inheritdoc />
    public Task<ChannelResult> DeliverAsync(DeliveryMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var form = new Dictionary<string, string> { ["To"] = message.To, ["From"] = _from, ["Body"] = message.Body };
        return _api.PostAsync("Messages.json", form, cancellationToken);
    }
}
