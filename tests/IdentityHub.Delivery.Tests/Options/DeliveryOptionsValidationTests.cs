using IdentityHub.Testing;
using IdentityHub.Delivery.Smtp;
using IdentityHub.Delivery.Tests.StandIns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IdentityHub.Delivery.Tests.Options;

public sealed class DeliveryOptionsValidationTests
{
    private static IReadOnlyList<string> FailuresAtStart(Dictionary<string, string?> settings)
    {
        using var services = DeliveryServices.Build(settings);
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        return [.. error.Failures];
    }

    [Fact]
    public void Twilio_base_url_must_be_https_and_the_message_names_the_key()
    {
        var settings = new Dictionary<string, string?>();
        settings.AddTwilio("Sms", 0, "sms-primary", new Uri("http://api.twilio.example"));

        Assert.Contains("IdentityHub:Delivery:Sms:0:BaseUrl must be an absolute https URL", FailuresAtStart(settings));
    }

    [Fact]
    public void Missing_settings_are_named_by_their_full_keys()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Email:0:Type"] = "Smtp",
            ["Voice:0:Type"] = "Twilio",
            ["Voice:1:Type"] = "Webhook",
            ["Voice:1:Secret"] = "short",
            ["Sms:0:Type"] = "Carrier pigeon",
            ["Outbox:Enabled"] = "true",
            ["Resilience:CircuitBreakerMinimumThroughput"] = "1",
            ["Resilience:MaxRetries"] = "-1",
        };

        var failures = FailuresAtStart(settings);

        Assert.Contains("IdentityHub:Delivery:Email:0:Host is required", failures);
        Assert.Contains("IdentityHub:Delivery:Email:0:From must be a mailbox such as 'Health Plan <no-reply@example.org>'", failures);
        Assert.Contains("IdentityHub:Delivery:Voice:0:AccountSid is required", failures);
        Assert.Contains("IdentityHub:Delivery:Voice:0:AuthToken is required", failures);
        Assert.Contains("IdentityHub:Delivery:Voice:0:From is required", failures);
        Assert.Contains("IdentityHub:Delivery:Voice:1:Url must be an absolute https URL", failures);
        Assert.Contains("IdentityHub:Delivery:Voice:1:Secret must be at least 32 characters", failures);
        Assert.Contains("IdentityHub:Delivery:Sms:0:Type must be Twilio or Webhook", failures);
        Assert.Contains("IdentityHub:Delivery:Outbox:Folder is required when IdentityHub:Delivery:Outbox:Enabled is true", failures);
        Assert.Contains("IdentityHub:Delivery:Resilience:CircuitBreakerMinimumThroughput must be at least 2", failures);
        Assert.Contains("IdentityHub:Delivery:Resilience:MaxRetries must be between 0 and 10", failures);
    }

    [Fact]
    public void Channel_names_must_be_unique()
    {
        var settings = new Dictionary<string, string?>();
        settings.AddTwilio("Sms", 0, "twilio", new Uri("https://api.twilio.com"));
        settings.AddTwilio("Voice", 0, "twilio", new Uri("https://api.twilio.com"));

        Assert.Contains(
            "IdentityHub:Delivery:Voice:0:Name 'twilio' is used by another channel; channel names must be unique",
            FailuresAtStart(settings));
    }

    [Fact]
    public void A_valid_configuration_binds_with_the_documented_defaults()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Email:0:Type"] = "smtp",
            ["Email:0:Host"] = "smtp.example.org",
            ["Email:0:From"] = "Health Plan <no-reply@example.org>",
        };
        using var services = DeliveryServices.Build(settings);

        services.GetRequiredService<IStartupValidator>().Validate();
        var options = services.GetRequiredService<IOptions<DeliveryOptions>>().Value;

        var email = Assert.Single(options.Email);
        Assert.Equal((587, SmtpSecurity.StartTls), (email.Port, email.Security));
        Assert.Equal(new Uri("https://api.twilio.com"), email.BaseUrl);
        Assert.False(options.Outbox.Enabled);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Resilience.AttemptTimeout);
        Assert.Equal(2, options.Resilience.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.Resilience.RetryDelay);
        Assert.Equal(0.5, options.Resilience.CircuitBreakerFailureRatio);
        Assert.Equal(4, options.Resilience.CircuitBreakerMinimumThroughput);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Resilience.CircuitBreakerSamplingDuration);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Resilience.CircuitBreakerBreakDuration);
    }
}
