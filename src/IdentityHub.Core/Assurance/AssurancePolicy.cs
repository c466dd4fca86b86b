namespace IdentityHub.Core.Assurance;

/// <summary>Which rules decide what a method is worth.</summary>
public enum AssurancePreset
{
    /// <summary>Every code method counts as a second factor, none is restricted (what the plans do today).</summary>
    Legacy,

    /// <summary>NIST SP 800-63B-4: email codes do not count, text and phone-call codes are restricted.</summary>
    Nist,
}

/// <summary>What one method is worth under a preset (each method's descriptor in <see cref="Mfa.MfaMethods"/> says).</summary>
/// <param name="CountsAsSecondFactor">Whether, with a password, it reaches multi-factor assurance.</param>
/// <param name="Restricted">Whether it counts but a better method should be offered, and the user told why.</param>
/// <param name="Reason">Why, when restricted or not counting (a key such as <c>PhoneRestricted</c>, worded for people by the token server); null otherwise.</param>
public sealed record MethodAssurance(bool CountsAsSecondFactor, bool Restricted, string? Reason);
