namespace IdentityHub.Core.Mfa;

/// <summary>
/// The kinds of second factor. The first three send a one-time code somewhere; the others are held by
/// the user. Stored by number, so new kinds are only ever added at the end.
/// </summary>
public enum MfaMethodKind
{
    /// <summary>A code sent by email.</summary>
    Email,

    /// <summary>A code sent by text message.</summary>
    Sms,

    /// <summary>A code read out by an automated phone call.</summary>
    Voice,

    /// <summary>A code from an authenticator app (RFC 6238 TOTP).</summary>
    Totp,

    /// <summary>A passkey (WebAuthn credential).</summary>
    Passkey,

    /// <summary>One of the single-use recovery codes shown once at set-up.</summary>
    RecoveryCode,
}
