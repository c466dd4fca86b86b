using IdentityHub.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Delivery.Tests.StandIns;

/// <summary>Builds the services the way the server does, from <c>IdentityHub:Delivery</c> settings.</summary>
public static class DeliveryServices
{
    public const string Section = "IdentityHub:Delivery";

    /// <summary>Short delays so tests stay fast; each test adds its channels.</summary>
    public static Dictionary<string, string?> FastResilience() => new()
    {
        ["Resilience:AttemptTimeout"] = "00:00:05",
        ["Resilience:MaxRetries"] = "2",
        ["Resilience:RetryDelay"] = "00:00:00.010",
        ["Resilience:CircuitBreakerMinimumThroughput"] = "4",
        ["Resilience:CircuitBreakerSamplingDuration"] = "00:00:30",
        ["Resilience:CircuitBreakerBreakDuration"] = "00:00:30",
    };

    public static ServiceProvider Build(
        IDictionary<string, string?> settings,
        RecordingAudit? audit = null,
        TimeProvider? timeProvider = null,
        Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create($"{Section}:{s.Key}", s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        if (audit is not null)
        {
            services.AddSingleton<IDeliveryAudit>(audit);
        }

        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        services.AddIdentityHubDelivery(configuration.GetSection(Section));
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static void AddTwilio(this IDictionary<string, string?> settings, string list, int index, string name, Uri baseUrl)
    {
        settings[$"{list}:{index}:Type"] = "Twilio";
        settings[$"{list}:{index}:Name"] = name;
        settings[$"{list}:{index}:BaseUrl"] = baseUrl.ToString();
        settings[$"{list}:{index}:AccountSid"] = $"ACtest{name.Replace("-", "")}";
        settings[$"{list}:{index}:AuthToken"] = "test-auth-token";
        settings[$"{list}:{index}:From"] = "+16505550100";
    }
}
