using IdentityHub.Core.Mfa;

namespace IdentityHub.Core.Assurance;

/// <summary>Which rules decide what a method is worth.</summary>
public enum AssurancePreset
{
    /// <summary>Every code method counts as a second factor, none is restricted (what the plans do today).</summary>
    Legacy,

    /// <summary>NIST SP 800-63B-4: email codes do not count, text and phone-call codes are restricted.</summary>
    Nist,
}

/// <summary>What one method is worth under a preset.</summary>
/// <param name="CountsAsSecondFactor">Whether, with a password, it reaches multi-factor assurance.</param>
/// <param name="Restricted">Whether it counts but a better method should be offered, and the user told why.</param>
/// <param name="Reason">A plain sentence for the user when restricted or not counting; null otherwise.</param>
public sealed record MethodAssurance(bool CountsAsSecondFactor, bool Restricted, string? Reason);

/// <summary>What each method is worth under each preset.</summary>
public static class AssurancePolicy
{
    /// <summary>Shown when email codes do not count as a second factor.</summary>
    public const string EmailNotAllowedReason =
        "Email is not allowed as a second factor; use an authenticator app, a passkey, or a code by text message or phone call.";

    /// <summary>Shown when text and phone-call codes are restricted.</summary>
    public const string PhoneRestrictedReason =
        "Text message and phone call codes can be intercepted; an authenticator app or passkey protects your account better.";

    private static readonly MethodAssurance Full = new(true, false, null);
    private static readonly MethodAssurance EmailUnderNist = new(false, false, EmailNotAllowedReason);
    private static readonly MethodAssurance PhoneUnderNist = new(true, true, PhoneRestrictedReason);

    /// <summary>
    /// What <paramref name="kind"/> is worth under <paramref name="preset"/>. Authenticator apps, passkeys
    /// and recovery codes count and are not restricted under both presets.
    /// </summary>
    public static MethodAssurance For(MfaMethodKind kind, AssurancePreset preset) => (preset, kind) switch
    {
        (AssurancePreset.Legacy or AssurancePreset.Nist, MfaMethodKind.Totp or MfaMethodKind.Passkey or MfaMethodKind.RecoveryCode) => Full,
        (AssurancePreset.Legacy, MfaMethodKind.Email or MfaMethodKind.Sms or MfaMethodKind.Voice) => Full,
        (AssurancePreset.Nist, MfaMethodKind.Email) => EmailUnderNist,
        (AssurancePreset.Nist, MfaMethodKind.Sms or MfaMethodKind.Voice) => PhoneUnderNist,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), $"Unknown method {kind} or preset {preset}."),
    };
}
