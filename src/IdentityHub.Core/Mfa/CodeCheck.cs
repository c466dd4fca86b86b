namespace IdentityHub.Core.Mfa;

/// <summary>The outcome of checking an entered code.</summary>
public enum CodeCheck
{
    /// <summary>The code is right; mark it used and reset the account's failure count.</summary>
    Accepted,

    /// <summary>The code is wrong (or issued for another purpose or attempt); counts as a failed try.</summary>
    Wrong,

    /// <summary>The code's lifetime is over.</summary>
    Expired,

    /// <summary>The code was accepted before and cannot be used again.</summary>
    AlreadyUsed,

    /// <summary>The code has had all the wrong tries it allows.</summary>
    TooManyAttempts,

    /// <summary>The account is locked after too many wrong tries across codes.</summary>
    AccountLocked,

    /// <summary>The input is not a code of the right length; does not count as a try.</summary>
    Malformed,
}

/// <summary>The outcome of a check and how many tries this code has left after it.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="AttemptsLeft">Wrong tries the code still allows after this check; 0 when the code can no
/// longer be used (expired, used, exhausted, account locked).</param>
public sealed record CodeCheckResult(CodeCheck Outcome, int AttemptsLeft)
{
    /// <summary>Whether this check is a failed try that the caller must count, on the code and on the account.</summary>
    public bool CountsAsFailure => Outcome == CodeCheck.Wrong;
}
