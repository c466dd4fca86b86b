using IdentityHub.Delivery.Outbox;
using IdentityHub.Delivery.Smtp;
using IdentityHub.Delivery.Twilio;
using IdentityHub.Delivery.Webhook;
using Microsoft.Extensions.Options;

namespace IdentityHub.Delivery;

/// <summary>The channels built from configuration, in failover order per kind (outbox first when enabled).</summary>
internal sealed class ConfiguredChannels
{
    public ConfiguredChannels(IOptions<DeliveryOptions> options, IHttpClientFactory httpClients, TimeProvider timeProvider)
    {
        var settings = options.Value;
        var channels = new List<IDeliveryChannel>();
        foreach (var kind in Enum.GetValues<DeliveryKind>())
        {
            if (settings.Outbox.Enabled)
            {
                channels.Add(new DevOutboxChannel(kind, settings.Outbox.Folder!, timeProvider));
            }

            var list = settings.ChannelsOf(kind);
            for (var index = 0; index < list.Count; index++)
            {
                var name = ChannelNaming.NameOf(list[index], kind, index);
                channels.Add(Create(kind, name, list[index], httpClients, timeProvider));
            }
        }

        All = channels;
    }

    public IReadOnlyList<IDeliveryChannel> All { get; }

    private static IDeliveryChannel Create(DeliveryKind kind, string name, ChannelOptions entry, IHttpClientFactory httpClients, TimeProvider timeProvider) =>
        (ChannelTypes.Normalize(entry.Type), kind) switch
        {
            (ChannelTypes.Smtp, DeliveryKind.Email) => new SmtpEmailChannel(name, entry),
            (ChannelTypes.Twilio, DeliveryKind.Sms) => new TwilioSmsChannel(name, entry, httpClients),
            (ChannelTypes.Twilio, DeliveryKind.Voice) => new TwilioVoiceChannel(name, entry, httpClients),
            (ChannelTypes.Webhook, _) => new WebhookChannel(name, kind, entry, httpClients, timeProvider),
            _ => throw new InvalidOperationException($"Channel '{name}' has type '{entry.Type}', which cannot deliver {kind} messages."),
        };
}
