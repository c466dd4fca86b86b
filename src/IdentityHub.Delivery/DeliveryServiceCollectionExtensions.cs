using IdentityHub.Delivery.Resilience;
using IdentityHub.Delivery.Telemetry;
using IdentityHub.Delivery.Twilio;
using IdentityHub.Delivery.Webhook;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IdentityHub.Delivery;

/// <summary>Registers code delivery.</summary>
public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="DeliveryOptions"/> from <paramref name="section"/> (the server passes <c>IdentityHub:Delivery</c>),
    /// validates them at start-up, and registers the configured channels, the <see cref="IMessageSender"/>,
    /// <see cref="TimeProvider.System"/> and a no-op <see cref="IDeliveryAudit"/> unless others are registered.
    /// </summary>
    public static IServiceCollection AddIdentityHubDelivery(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);

        services.AddOptions<DeliveryOptions>().Bind(section).ValidateOnStart();
        var path = (section as IConfigurationSection)?.Path ?? string.Empty;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeliveryOptions>>(new DeliveryOptionsValidator(path)));

        services.AddHttpClient(TwilioApi.HttpClientName);
        services.AddHttpClient(WebhookChannel.HttpClientName);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDeliveryAudit, NoOpDeliveryAudit>();
        services.TryAddSingleton<ConfiguredChannels>();
        services.AddMetrics();
        services.TryAddSingleton<DeliveryMetrics>();
        services.TryAddSingleton<ChannelPipelines>();
        services.TryAddSingleton<IMessageSender, MessageSender>();
        return services;
    }

    /// <summary>
    /// Adds a channel of your own. It is tried after the configured channels of its kind, through its own
    /// resilience pipeline; its <see cref="IDeliveryChannel.Name"/> must be unique.
    /// </summary>
    public static IServiceCollection AddDeliveryChannel<TChannel>(this IServiceCollection services)
        where TChannel : class, IDeliveryChannel
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDeliveryChannel, TChannel>());
        return services;
    }
}
