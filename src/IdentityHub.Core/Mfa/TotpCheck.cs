namespace IdentityHub.Core.Mfa;

/// <summary>The outcome of checking a code typed from an authenticator app.</summary>
public enum TotpOutcome
{
    /// <summary>The code is right for a step not used before; store the step as the last one used.</summary>
    Accepted,

    /// <summary>The code matches no step in the window; counts as a failed try.</summary>
    Wrong,

    /// <summary>The code is right but its step was already used (or a later one was); refused.</summary>
    Replayed,

    /// <summary>The input is not six digits; does not count as a try.</summary>
    Malformed,
}

/// <summary>The outcome of a TOTP check and, for a code that matched, the time step it matched.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="MatchedStep">The 30-second step the code belongs to when <see cref="TotpOutcome.Accepted"/>
/// or <see cref="TotpOutcome.Replayed"/>; null otherwise.</param>
public sealed record TotpCheck(TotpOutcome Outcome, long? MatchedStep);
