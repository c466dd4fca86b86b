namespace IdentityHub.Core.Mfa;

/// <summary>
/// The numbers behind one-time codes: length, lifetime, how many wrong tries, how often a new code may
/// be sent. Bound from <c>IdentityHub:Mfa:Codes</c>; <see cref="Validate"/> runs at start-up.
/// </summary>
public sealed class CodeSettings
{
    /// <summary>Digits per code.</summary>
    public int Length { get; set; } = 6;

    /// <summary>How long a code is accepted after it was issued.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Wrong tries one code allows before it stops working.</summary>
    public int MaxAttemptsPerCode { get; set; } = 5;

    /// <summary>Wrong tries across all of an account's codes before the account is locked; a new code
    /// does not reset the count.</summary>
    public int MaxFailuresPerAccount { get; set; } = 10;

    /// <summary>How long the account stays locked after <see cref="MaxFailuresPerAccount"/> wrong tries.</summary>
    public TimeSpan AccountLockout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The least time between two codes sent to the same user.</summary>
    public TimeSpan ResendCooldown { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most codes sent to one user within any sliding hour.</summary>
    public int MaxCodesPerHour { get; set; } = 10;

    /// <summary>
    /// Checks every value; returns one message per problem, each naming the full configuration key
    /// (<paramref name="keyPrefix"/> followed by the property name), or nothing when all is well.
    /// </summary>
    public IEnumerable<string> Validate(string keyPrefix)
    {
        var prefix = string.IsNullOrEmpty(keyPrefix) ? string.Empty : keyPrefix.TrimEnd(':') + ":";
        var problems = new List<string>();

        if (Length is < 6 or > 10)
        {
            problems.Add($"{prefix}{nameof(Length)} must be between 6 and 10.");
        }

        if (Lifetime <= TimeSpan.Zero || Lifetime > TimeSpan.FromHours(1))
        {
            problems.Add($"{prefix}{nameof(Lifetime)} must be greater than 00:00:00 and at most 01:00:00.");
        }

        if (MaxAttemptsPerCode is < 1 or > 100)
        {
            problems.Add($"{prefix}{nameof(MaxAttemptsPerCode)} must be between 1 and 100.");
        }

        // NIST SP 800-63B caps consecutive failed attempts on one account at 100.
        if (MaxFailuresPerAccount is < 1 or > 100)
        {
            problems.Add($"{prefix}{nameof(MaxFailuresPerAccount)} must be between 1 and 100.");
        }

        if (AccountLockout <= TimeSpan.Zero)
        {
            problems.Add($"{prefix}{nameof(AccountLockout)} must be greater than 00:00:00.");
        }

        if (ResendCooldown < TimeSpan.Zero || ResendCooldown >= TimeSpan.FromHours(1))
        {
            problems.Add($"{prefix}{nameof(ResendCooldown)} must be at least 00:00:00 and less than 01:00:00.");
        }

        if (MaxCodesPerHour < 1)
        {
            problems.Add($"{prefix}{nameof(MaxCodesPerHour)} must be at least 1.");
        }

        return problems;
    }
}
