namespace IdentityHub.Core.Mfa;

/// <summary>Whether a new code may be sent now.</summary>
public enum ResendDecision
{
    /// <summary>Send it.</summary>
    Allowed,

    /// <summary>The last code went out less than the cooldown ago.</summary>
    CoolingDown,

    /// <summary>The most codes allowed within a sliding hour have gone out.</summary>
    HourlyCapReached,
}

/// <summary>The decision and, unless allowed, how long until the next code may be sent.</summary>
/// <param name="Decision">Allowed or why not.</param>
/// <param name="RetryAfter">Zero when allowed.</param>
public sealed record ResendCheck(ResendDecision Decision, TimeSpan RetryAfter);

/// <summary>"Request a new code": a cooldown and an hourly cap over the send times of this user's codes.</summary>
public static class ResendRules
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>
    /// Decides from the times earlier codes were sent. A send counts towards the cap for exactly one hour
    /// (a send at <c>now - 1h</c> no longer counts). When both limits apply the cap wins, with the longer wait.
    /// </summary>
    public static ResendCheck Check(IEnumerable<DateTimeOffset> previousSends, DateTimeOffset now, CodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(previousSends);
        ArgumentNullException.ThrowIfNull(settings);

        var sends = previousSends.Where(sent => sent > now - Hour).Order().ToList();
        if (sends.Count == 0)
        {
            return new ResendCheck(ResendDecision.Allowed, TimeSpan.Zero);
        }

        var cooldownLeft = sends[^1] + settings.ResendCooldown - now;

        var cap = Math.Max(1, settings.MaxCodesPerHour);
        if (sends.Count >= cap)
        {
            // Enough of the oldest sends must leave the window to bring the count below the cap.
            var freedAt = sends[sends.Count - cap] + Hour;
            var wait = freedAt - now;
            return new ResendCheck(ResendDecision.HourlyCapReached, wait > cooldownLeft ? wait : cooldownLeft);
        }

        return cooldownLeft > TimeSpan.Zero
            ? new ResendCheck(ResendDecision.CoolingDown, cooldownLeft)
            : new ResendCheck(ResendDecision.Allowed, TimeSpan.Zero);
    }
}
