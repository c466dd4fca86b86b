using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Members;

/// <summary>
/// Checks <see cref="RosterOptions"/> at start-up; each message names the full configuration key. The webhook's
/// settings are checked only when it is the chosen roster. Plain http is accepted only in Development
/// (<paramref name="allowPlainHttp"/>): proofs carry a birth date and a name.
/// </summary>
internal sealed class RosterOptionsValidator(bool allowPlainHttp) : IValidateOptions<RosterOptions>
{
    /// <summary>The shortest shared secret accepted (as for the delivery webhooks).</summary>
    public const int MinimumSecretLength = 32;

    private const string Root = RosterOptions.Section;
    private const string Hook = Root + ":Webhook";

    public ValidateOptionsResult Validate(string? name, RosterOptions options)
    {
        var errors = new List<string>();
        switch (options.KnownKind)
        {
            case null:
                errors.Add($"{Root}:Kind is '{options.Kind}'; use {RosterKinds.Imported} (the file loaded with import-members) or {RosterKinds.Webhook} (the plan's eligibility system).");
                break;
            case RosterKinds.Webhook:
                ValidateWebhook(options.Webhook, errors);
                break;
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private void ValidateWebhook(RosterWebhookOptions webhook, List<string> errors)
    {
        if (webhook.Url is not { IsAbsoluteUri: true } url || url.Scheme is not ("https" or "http"))
        {
            errors.Add($"{Hook}:Url is required when {Root}:Kind is {RosterKinds.Webhook}: the absolute https address of the plan's eligibility system.");
        }
        else if (url.Scheme == Uri.UriSchemeHttp && !allowPlainHttp)
        {
            errors.Add($"{Hook}:Url must be https outside Development: a proof carries a member's birth date and name.");
        }

        if (string.IsNullOrEmpty(webhook.Secret) || webhook.Secret.Length < MinimumSecretLength)
        {
            errors.Add($"{Hook}:Secret must be at least {MinimumSecretLength} characters (the key the plan checks the signature with); set it as an environment variable (IdentityHub__Members__Roster__Webhook__Secret) or a user secret.");
        }

        if (webhook.SecretInSettingsFile is { } file)
        {
            errors.Add($"{Hook}:Secret is written in {file}; take it out and set it as an environment variable (IdentityHub__Members__Roster__Webhook__Secret) or a user secret, so it is not in a file that is copied and committed.");
        }

        if (webhook.Timeout < TimeSpan.FromMilliseconds(10) || webhook.Timeout > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{Hook}:Timeout must be between 00:00:00.010 and 00:01:00: a person waits for the answer.");
        }

        var resilience = webhook.Resilience;
        var key = Hook + ":Resilience";
        if (resilience.MaxRetries is < 0 or > 5)
        {
            errors.Add($"{key}:MaxRetries must be between 0 and 5.");
        }

        if (resilience.RetryDelay < TimeSpan.Zero || resilience.RetryDelay > TimeSpan.FromSeconds(10))
        {
            errors.Add($"{key}:RetryDelay must be between 00:00:00 and 00:00:10.");
        }

        if (!(resilience.CircuitBreakerFailureRatio > 0 && resilience.CircuitBreakerFailureRatio <= 1))
        {
            errors.Add($"{key}:CircuitBreakerFailureRatio must be greater than 0 and at most 1.");
        }

        if (resilience.CircuitBreakerMinimumThroughput < 2)
        {
            errors.Add($"{key}:CircuitBreakerMinimumThroughput must be at least 2.");
        }

        // The ranges Polly accepts, so a bad value stops start-up instead of the first registration.
        foreach (var (setting, value) in new[]
        {
            ("CircuitBreakerSamplingDuration", resilience.CircuitBreakerSamplingDuration),
            ("CircuitBreakerBreakDuration", resilience.CircuitBreakerBreakDuration),
        })
        {
            if (value < TimeSpan.FromMilliseconds(500) || value > TimeSpan.FromDays(1))
            {
                errors.Add($"{key}:{setting} must be between 00:00:00.500 and 1.00:00:00.");
            }
        }
    }
}
