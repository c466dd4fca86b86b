namespace IdentityHub.Server.Account;

/// <summary>
/// Code purposes of account self-service; a code only works for its own purpose (M3). Kept beside
/// <see cref="Mfa.CodePurposes"/> until the two are merged.
/// </summary>
public static class RecoveryPurposes
{
    /// <summary>The code that proves a second factor before a forgotten password is replaced (A7).</summary>
    public const string PasswordReset = "password-reset";
}
