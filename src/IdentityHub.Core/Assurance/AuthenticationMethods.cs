using IdentityHub.Core.Mfa;

namespace IdentityHub.Core.Assurance;

/// <summary>Values of the <c>amr</c> claim (RFC 8176) that IdentityHub emits.</summary>
public static class AuthenticationMethods
{
    /// <summary>A password.</summary>
    public const string Password = "pwd";

    /// <summary>A code sent by text message.</summary>
    public const string Sms = "sms";

    /// <summary>A code read out by a phone call.</summary>
    public const string Telephone = "tel";

    /// <summary>A code sent by email (not an RFC 8176 value; RFC 8176 has none for email).</summary>
    public const string Email = "mail";

    /// <summary>A one-time password from an authenticator app (TOTP).</summary>
    public const string OneTimePassword = "otp";

    /// <summary>Two or more distinct factors were used.</summary>
    public const string MultipleFactors = "mfa";

    /// <summary>A hardware-bound key, e.g. a device-bound passkey or security key.</summary>
    public const string HardwareKey = "hwk";

    /// <summary>A software key, e.g. a synced passkey.</summary>
    public const string SoftwareKey = "swk";

    /// <summary>
    /// The <c>amr</c> value of a method: <c>mail</c>, <c>sms</c>, <c>tel</c>, and <c>otp</c> for both
    /// authenticator-app and recovery codes (RFC 8176 registers no value for recovery codes; both are
    /// one-time codes the user holds).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is <see cref="MfaMethodKind.Passkey"/>,
    /// whose value depends on the credential: use <see cref="ForPasskey"/>.</exception>
    public static string For(MfaMethodKind kind) => kind switch
    {
        MfaMethodKind.Email => Email,
        MfaMethodKind.Sms => Sms,
        MfaMethodKind.Voice => Telephone,
        MfaMethodKind.Totp or MfaMethodKind.RecoveryCode => OneTimePassword,
        MfaMethodKind.Passkey => throw new ArgumentException(
            "A passkey's amr value depends on the credential: use \"hwk\" for a device-bound passkey or \"swk\" for a synced one (AuthenticationMethods.ForPasskey).",
            nameof(kind)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown method."),
    };

    /// <summary>
    /// The <c>amr</c> value of a passkey: <c>swk</c> when the credential is backed up (synced between
    /// devices, so its key lives in software), <c>hwk</c> when it is bound to one device.
    /// </summary>
    /// <param name="backedUp">Whether the credential is backed up or eligible for it (the WebAuthn BS or BE flag).</param>
    public static string ForPasskey(bool backedUp) => backedUp ? SoftwareKey : HardwareKey;
}
