namespace IdentityHub.Core.Accounts;

/// <summary>
/// The password policy as configured, bound from <c>IdentityHub:Passwords</c>. <see cref="Preset"/> supplies
/// the defaults; a value set here overrides the preset's (a <see langword="null"/> means "use the preset's").
/// <see cref="Validate"/> runs at start-up; <see cref="Resolve"/> gives the policy in force.
/// </summary>
public sealed class PasswordPolicySettings
{
    /// <summary>The NIST minimum when a second factor is also required, as IdentityHub always does (M1).</summary>
    public const int MinimumLengthWithMfa = 8;

    /// <summary>The NIST minimum when the password is the only factor. Not used while MFA is mandatory.</summary>
    public const int MinimumLengthPasswordOnly = 15;

    /// <summary>The legacy preset's minimum, as many health plans' portals set it today (A2).</summary>
    public const int LegacyMinimumLength = 8;

    /// <summary>The longest password accepted unless configured otherwise, in both presets.</summary>
    public const int DefaultMaximumLength = 128;

    /// <summary>NIST requires at least 64 characters to be allowed.</summary>
    public const int LeastMaximumLength = 64;

    /// <summary>A ceiling on <see cref="MaximumLength"/>, so one request cannot make the server hash megabytes.</summary>
    public const int GreatestMaximumLength = 1024;

    /// <summary>The legacy preset's expiry, as many health plans' portals set it today (A2).</summary>
    public static readonly TimeSpan LegacyExpiry = TimeSpan.FromDays(365);

    /// <summary>Which preset supplies the values left unset. <c>Nist</c> unless configured.</summary>
    public PasswordPreset Preset { get; set; } = PasswordPreset.Nist;

    /// <summary>
    /// Fewest characters. Preset: <see cref="MinimumLengthWithMfa"/> (NIST with MFA, which is mandatory here)
    /// or <see cref="LegacyMinimumLength"/>. Never below 8.
    /// </summary>
    public int? MinimumLength { get; set; }

    /// <summary>Most characters. Preset: <see cref="DefaultMaximumLength"/>. At least 64.</summary>
    public int? MaximumLength { get; set; }

    /// <summary>Whether upper- and lower-case letters are both required. Preset: legacy yes, NIST no.</summary>
    public bool? RequireMixedCase { get; set; }

    /// <summary>Whether a character other than a letter or digit is required. Preset: legacy yes, NIST no.</summary>
    public bool? RequireSpecialCharacter { get; set; }

    /// <summary>
    /// How long a password lasts before it must be changed. Preset: legacy 365 days, NIST none.
    /// <c>00:00:00</c> turns expiry off explicitly (since <see langword="null"/> means "the preset's").
    /// </summary>
    public TimeSpan? Expiry { get; set; }

    /// <summary>How many of the user's previous passwords are refused; 0 turns the check off.</summary>
    public int HistoryCount { get; set; } = 5;

    /// <summary>Whether the shipped list of common passwords is refused.</summary>
    public bool UseBlocklist { get; set; } = true;

    /// <summary>The optional range check against a Pwned Passwords-compatible service; off by default.</summary>
    public BreachCheckSettings BreachCheck { get; set; } = new();

    /// <summary>
    /// Checks every value; returns one message per problem, each naming the full configuration key
    /// (<paramref name="keyPrefix"/> followed by the property name), or nothing when all is well.
    /// </summary>
    public IEnumerable<string> Validate(string keyPrefix)
    {
        var prefix = string.IsNullOrEmpty(keyPrefix) ? string.Empty : keyPrefix.TrimEnd(':') + ":";
        var problems = new List<string>();

        if (!Enum.IsDefined(Preset))
        {
            problems.Add($"{prefix}{nameof(Preset)} must be Nist or Legacy.");
        }

        // NIST SP 800-63B-4 allows nothing shorter than 8 even with a second factor.
        if (MinimumLength < MinimumLengthWithMfa)
        {
            problems.Add($"{prefix}{nameof(MinimumLength)} must be at least {MinimumLengthWithMfa}.");
        }

        if (MaximumLength < LeastMaximumLength)
        {
            problems.Add($"{prefix}{nameof(MaximumLength)} must be at least {LeastMaximumLength}.");
        }
        else if (MaximumLength > GreatestMaximumLength)
        {
            problems.Add($"{prefix}{nameof(MaximumLength)} must be at most {GreatestMaximumLength}.");
        }

        var policy = Resolve();
        if (policy.MinimumLength > policy.MaximumLength)
        {
            problems.Add($"{prefix}{nameof(MinimumLength)} must not be greater than {nameof(MaximumLength)} ({policy.MaximumLength}).");
        }

        if (Expiry < TimeSpan.Zero)
        {
            problems.Add($"{prefix}{nameof(Expiry)} must be 00:00:00 (no expiry) or greater.");
        }

        if (HistoryCount is < 0 or > 100)
        {
            problems.Add($"{prefix}{nameof(HistoryCount)} must be between 0 and 100.");
        }

        problems.AddRange(BreachCheck.Validate($"{prefix}{nameof(BreachCheck)}"));

        return problems;
    }

    /// <summary>The policy in force: each value as configured, or the preset's where left unset.</summary>
    public PasswordPolicy Resolve()
    {
        var legacy = Preset == PasswordPreset.Legacy;
        var expiry = Expiry ?? (legacy ? LegacyExpiry : null);

        return new PasswordPolicy(
            MinimumLength ?? (legacy ? LegacyMinimumLength : MinimumLengthWithMfa),
            MaximumLength ?? DefaultMaximumLength,
            RequireMixedCase ?? legacy,
            RequireSpecialCharacter ?? legacy,
            expiry > TimeSpan.Zero ? expiry : null,
            HistoryCount,
            UseBlocklist,
            BreachCheck.Enabled);
    }
}
