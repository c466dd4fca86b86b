using IdentityHub.Data;
using IdentityHub.Delivery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IdentityHub.Hosting;

public static class MessageDelivery
{
    /// <summary>
    /// The delivery channels from <c>IdentityHub:Delivery</c>, the same for both hosts; the development outbox
    /// writes under the data folder (<c>IdentityHub:DataFolder</c>) unless told otherwise, so the token server's
    /// outbox page shows what either host sent.
    /// </summary>
    public static IServiceCollection AddIdentityHubMessageDelivery(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddIdentityHubDelivery(configuration.GetSection("IdentityHub:Delivery"));
        var outbox = Path.Combine(DatabaseSettings.DataFolder(configuration, environment.ContentRootPath), "outbox");
        services.AddOptions<DeliveryOptions>().PostConfigure(delivery =>
        {
            if (delivery.Outbox.Enabled && string.IsNullOrWhiteSpace(delivery.Outbox.Folder))
            {
                delivery.Outbox.Folder = outbox;
            }
        });
        return services;
    }
}
