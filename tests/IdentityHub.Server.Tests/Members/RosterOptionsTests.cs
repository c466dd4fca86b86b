using IdentityHub.Server.Members;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Tests.Members;

/// <summary>
/// The roster settings are checked at start, and each problem names its key and what to do. That they stop the real
/// server is shown by <c>StartupValidationTests</c>.
/// </summary>
public sealed class RosterOptionsTests
{
    private const string Root = "IdentityHub:Members:Roster";
    private const string GoodSecret = "roster-test-secret-0123456789abcdef";

    [Fact]
    public void Without_settings_the_imported_roster_is_used()
    {
        using var services = Services(new Dictionary<string, string?>(), Environments.Production);

        Assert.Equal(RosterKinds.Imported, services.GetRequiredService<IOptions<RosterOptions>>().Value.KnownKind);
    }

    [Theory]
    [InlineData("Eligibility", "Production", null, null, "IdentityHub:Members:Roster:Kind is 'Eligibility'; use Imported")]
    [InlineData("Webhook", "Production", null, GoodSecret, "IdentityHub:Members:Roster:Webhook:Url is required")]
    [InlineData("webhook", "Production", "https://eligibility.example/check", null, "IdentityHub:Members:Roster:Webhook:Secret must be at least 32 characters")]
    [InlineData("Webhook", "Production", "https://eligibility.example/check", "too-short", "IdentityHub:Members:Roster:Webhook:Secret must be at least 32 characters")]
    [InlineData("Webhook", "Production", "http://eligibility.example/check", GoodSecret, "IdentityHub:Members:Roster:Webhook:Url must be https outside Development")]
    [InlineData("Webhook", "Production", "http://127.0.0.1:8080/check", GoodSecret, "IdentityHub:Members:Roster:Webhook:Url must be https outside Development")]
    [InlineData("Webhook", "Production", "/check", GoodSecret, "IdentityHub:Members:Roster:Webhook:Url is required")]
    public void A_bad_setting_is_refused_with_a_message_naming_the_key(string kind, string environment, string? url, string? secret, string message)
    {
        using var services = Services(new() { [$"{Root}:Kind"] = kind, [$"{Root}:Webhook:Url"] = url, [$"{Root}:Webhook:Secret"] = secret }, environment);

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RosterOptions>>().Value);

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Webhook:Timeout", "00:05:00", "IdentityHub:Members:Roster:Webhook:Timeout must be between")]
    [InlineData("Webhook:Resilience:MaxRetries", "9", "IdentityHub:Members:Roster:Webhook:Resilience:MaxRetries must be between 0 and 5")]
    [InlineData("Webhook:Resilience:CircuitBreakerFailureRatio", "0", "IdentityHub:Members:Roster:Webhook:Resilience:CircuitBreakerFailureRatio")]
    [InlineData("Webhook:Resilience:CircuitBreakerMinimumThroughput", "1", "IdentityHub:Members:Roster:Webhook:Resilience:CircuitBreakerMinimumThroughput must be at least 2")]
    [InlineData("Webhook:Resilience:CircuitBreakerBreakDuration", "00:00:00.100", "IdentityHub:Members:Roster:Webhook:Resilience:CircuitBreakerBreakDuration must be between")]
    public void Bad_resilience_settings_are_refused(string key, string value, string message)
    {
        using var services = Services(new()
        {
            [$"{Root}:Kind"] = "Webhook", [$"{Root}:Webhook:Url"] = "https://eligibility.example/check", [$"{Root}:Webhook:Secret"] = GoodSecret, [$"{Root}:{key}"] = value,
        }, Environments.Production);

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RosterOptions>>().Value);

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_http_is_accepted_in_development()
    {
        using var services = Services(new()
        {
            [$"{Root}:Kind"] = "Webhook", [$"{Root}:Webhook:Url"] = "http://localhost:5099/check", [$"{Root}:Webhook:Secret"] = GoodSecret,
        }, Environments.Development);

        Assert.Equal(RosterKinds.Webhook, services.GetRequiredService<IOptions<RosterOptions>>().Value.KnownKind);
    }

    [Fact]
    public void A_secret_written_in_an_appsettings_file_is_refused()
    {
        var folder = Directory.CreateTempSubdirectory("identityhub-roster-settings-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "appsettings.Production.json"), $$"""{ "IdentityHub": { "Members": { "Roster": { "Webhook": { "Secret": "{{GoodSecret}}" } } } } }""");
            var configuration = new ConfigurationBuilder()
                .AddJsonFile(Path.Combine(folder, "appsettings.Production.json"))
                .AddInMemoryCollection(new Dictionary<string, string?> { [$"{Root}:Kind"] = "Webhook", [$"{Root}:Webhook:Url"] = "https://eligibility.example/check" })
                .Build();
            using var services = ServicesFrom(configuration, Environments.Production);

            var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RosterOptions>>().Value);

            Assert.Contains("IdentityHub:Members:Roster:Webhook:Secret is written in appsettings.Production.json", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings, string environment) =>
        ServicesFrom(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), environment);

    private static ServiceProvider ServicesFrom(IConfiguration configuration, string environment)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddIdentityHubMembers(configuration, new HostingEnvironment { EnvironmentName = environment });
        return services.BuildServiceProvider();
    }
}
