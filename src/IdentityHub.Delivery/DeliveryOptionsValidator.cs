using IdentityHub.Delivery.Outbox;
using IdentityHub.Delivery.Resilience;
using Microsoft.Extensions.Options;
using MimeKit;

namespace IdentityHub.Delivery;

/// <summary>Checks <see cref="DeliveryOptions"/> at start-up; each message names the full configuration key.</summary>
internal sealed class DeliveryOptionsValidator(string sectionPath) : IValidateOptions<DeliveryOptions>
{
    private const int MinimumSecretLength = 32;

    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        var errors = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kind in Enum.GetValues<DeliveryKind>())
        {
            names.Add(DevOutboxChannel.NameFor(kind));
        }

        foreach (var kind in Enum.GetValues<DeliveryKind>())
        {
            var list = options.ChannelsOf(kind);
            for (var index = 0; index < list.Count; index++)
            {
                var channel = list[index];
                var prefix = $"{kind}:{index}";
                if (!names.Add(ChannelNaming.NameOf(channel, kind, index)))
                {
                    errors.Add($"{Key(prefix, "Name")} '{ChannelNaming.NameOf(channel, kind, index)}' is used by another channel; channel names must be unique");
                }

                ValidateChannel(kind, prefix, channel, errors);
            }
        }

        if (options.Outbox.Enabled && string.IsNullOrWhiteSpace(options.Outbox.Folder))
        {
            errors.Add($"{Key("Outbox", "Folder")} is required when {Key("Outbox", "Enabled")} is true");
        }

        ValidateResilience(options.Resilience, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private void ValidateChannel(DeliveryKind kind, string prefix, ChannelOptions channel, List<string> errors)
    {
        switch (ChannelTypes.Normalize(channel.Type))
        {
            case ChannelTypes.Smtp when kind == DeliveryKind.Email:
                ValidateSmtp(prefix, channel, errors);
                break;
            case ChannelTypes.Twilio when kind != DeliveryKind.Email:
                ValidateTwilio(prefix, channel, errors);
                break;
            case ChannelTypes.Webhook:
                ValidateWebhook(prefix, channel, errors);
                break;
            default:
                var allowed = kind == DeliveryKind.Email ? "Smtp or Webhook" : "Twilio or Webhook";
                errors.Add($"{Key(prefix, "Type")} must be {allowed}");
                break;
        }
    }

    private void ValidateSmtp(string prefix, ChannelOptions channel, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(channel.Host))
        {
            errors.Add($"{Key(prefix, "Host")} is required");
        }

        if (channel.Port is < 1 or > 65535)
        {
            errors.Add($"{Key(prefix, "Port")} must be between 1 and 65535");
        }

        if (!Enum.IsDefined(channel.Security))
        {
            errors.Add($"{Key(prefix, "Security")} must be StartTls, SslOnConnect, None or Auto");
        }

        if (string.IsNullOrWhiteSpace(channel.From) || !MailboxAddress.TryParse(channel.From, out _))
        {
            errors.Add($"{Key(prefix, "From")} must be a mailbox such as 'Health Plan <no-reply@example.org>'");
        }

        if (!string.IsNullOrEmpty(channel.UserName) && string.IsNullOrEmpty(channel.Password))
        {
            errors.Add($"{Key(prefix, "Password")} is required when {Key(prefix, "UserName")} is set");
        }
    }

    private void ValidateTwilio(string prefix, ChannelOptions channel, List<string> errors)
    {
        RequireHttpsUrl(prefix, "BaseUrl", channel.BaseUrl, errors);
        Require(prefix, "AccountSid", channel.AccountSid, errors);
        Require(prefix, "AuthToken", channel.AuthToken, errors);
        Require(prefix, "From", channel.From, errors);
    }

    private void ValidateWebhook(string prefix, ChannelOptions channel, List<string> errors)
    {
        RequireHttpsUrl(prefix, "Url", channel.Url, errors);
        if (string.IsNullOrEmpty(channel.Secret) || channel.Secret.Length < MinimumSecretLength)
        {
            errors.Add($"{Key(prefix, "Secret")} must be at least {MinimumSecretLength} characters");
        }
    }

    private void ValidateResilience(DeliveryResilienceOptions resilience, List<string> errors)
    {
        // The ranges are the ones Polly accepts, so a bad value stops start-up instead of the first send.
        if (resilience.AttemptTimeout < TimeSpan.FromMilliseconds(10) || resilience.AttemptTimeout > TimeSpan.FromDays(1))
        {
            errors.Add($"{Key("Resilience", "AttemptTimeout")} must be between 00:00:00.010 and 1.00:00:00");
        }

        if (resilience.MaxRetries is < 0 or > 10)
        {
            errors.Add($"{Key("Resilience", "MaxRetries")} must be between 0 and 10");
        }

        if (resilience.RetryDelay < TimeSpan.Zero || resilience.RetryDelay > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{Key("Resilience", "RetryDelay")} must be between 00:00:00 and 00:01:00");
        }

        if (!(resilience.CircuitBreakerFailureRatio > 0 && resilience.CircuitBreakerFailureRatio <= 1))
        {
            errors.Add($"{Key("Resilience", "CircuitBreakerFailureRatio")} must be greater than 0 and at most 1");
        }

        if (resilience.CircuitBreakerMinimumThroughput < 2)
        {
            errors.Add($"{Key("Resilience", "CircuitBreakerMinimumThroughput")} must be at least 2");
        }

        RequireAtLeastHalfASecond("CircuitBreakerSamplingDuration", resilience.CircuitBreakerSamplingDuration, errors);
        RequireAtLeastHalfASecond("CircuitBreakerBreakDuration", resilience.CircuitBreakerBreakDuration, errors);
    }

    private void RequireAtLeastHalfASecond(string name, TimeSpan value, List<string> errors)
    {
        if (value < TimeSpan.FromMilliseconds(500) || value > TimeSpan.FromDays(1))
        {
            errors.Add($"{Key("Resilience", name)} must be between 00:00:00.500 and 1.00:00:00");
        }
    }

    private void Require(string prefix, string name, string? value, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{Key(prefix, name)} is required");
        }
    }

    private void RequireHttpsUrl(string prefix, string name, Uri? value, List<string> errors)
    {
        // Plain http is allowed for loopback only: a local relay or a test stand-in.
        var ok = value is { IsAbsoluteUri: true }
            && (value.Scheme == Uri.UriSchemeHttps || (value.Scheme == Uri.UriSchemeHttp && value.IsLoopback));
        if (!ok)
        {
            errors.Add($"{Key(prefix, name)} must be an absolute https URL");
        }
    }

    private string Key(string prefix, string name) =>
        sectionPath.Length == 0 ? $"{prefix}:{name}" : $"{sectionPath}:{prefix}:{name}";
}
