namespace IdentityHub.Delivery.Outbox;

/// <summary>
/// Development channel: writes messages of one kind to the outbox folder instead of sending them.
/// When the outbox is enabled there is one per kind, named <c>outbox-email</c>, <c>outbox-sms</c> and <c>outbox-voice</c>.
/// </summary>
public sealed class DevOutboxChannel : IDeliveryChannel
{
    private readonly string _folder;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the outbox channel for one kind.</summary>
    public DevOutboxChannel(DeliveryKind kind, string folder, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Kind = kind;
        Name = NameFor(kind);
        _folder = folder;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public DeliveryKind Kind { get; }

    /// <summary>Takes any non-empty address, so that development works with made-up ones.</summary>
    public bool CanDeliverTo(string address) => !string.IsNullOrWhiteSpace(address);

    /// <inheritdoc />
    public async Task<ChannelResult> DeliverAsync(DeliveryMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            var file = await DevOutbox.WriteAsync(_folder, message, _timeProvider.GetUtcNow(), cancellationToken);
            return new ChannelResult.Delivered(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ChannelResult.PermanentFailure($"Cannot write to the outbox folder: {e.GetType().Name}");
        }
    }

    internal static string NameFor(DeliveryKind kind) => $"outbox-{kind.ToString().ToLowerInvariant()}";
}
