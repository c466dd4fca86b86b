using Microsoft.Extensions.Options;

namespace IdentityHub.Administration.Governance;

/// <summary>
/// <c>IdentityHub:Governance</c>: how often people's access is re-certified (D7) and when administrators are
/// reminded. Checked at start-up.
/// </summary>
public sealed class GovernanceOptions
{
    public const string Section = "IdentityHub:Governance";

    /// <summary>How long a confirmation lasts: everyone holding a profile is confirmed again within this (90 days).</summary>
    public TimeSpan RecertificationInterval { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Days before the deadline on which the organization's administrators are emailed (14 and 3).</summary>
    public int[] ReminderDays { get; set; } = [14, 3];

    /// <summary>How often each node runs the reminder and suspension job (hourly); nodes running it at once do each thing once.</summary>
    public TimeSpan JobInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The sentence naming what is wrong, or null.</summary>
    public string? Problem()
    {
        if (RecertificationInterval < TimeSpan.FromDays(1) || RecertificationInterval > TimeSpan.FromDays(366))
        {
            return $"{Section}:RecertificationInterval must be between 1 and 366 days (for example 90.00:00:00).";
        }

        if (ReminderDays.Any(days => days < 1 || TimeSpan.FromDays(days) >= RecertificationInterval))
        {
            return $"{Section}:ReminderDays must be whole days, each at least 1 and shorter than the re-certification interval (for example [14, 3]).";
        }

        if (JobInterval < TimeSpan.FromMinutes(1) || JobInterval > TimeSpan.FromDays(1))
        {
            return $"{Section}:JobInterval must be between one minute and one day (for example 01:00:00).";
        }

        return null;
    }
}

/// <summary>Stops the host at start-up naming the <see cref="GovernanceOptions"/> key that is wrong.</summary>
internal sealed class GovernanceOptionsValidator : IValidateOptions<GovernanceOptions>
{
    public ValidateOptionsResult Validate(string? name, GovernanceOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
