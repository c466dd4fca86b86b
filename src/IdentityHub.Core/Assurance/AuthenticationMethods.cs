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
    /// The <c>amr</c> value of a passkey: <c>swk</c> when the credential is backed up (synced between
    /// devices, so its key lives in software), <c>hwk</c> when it is bound to one device.
    /// </summary>
    /// <param name="backedUp">Whether the credential is backed up or eligible for it (the WebAuthn BS or BE flag).</param>
    public static string ForPasskey(bool backedUp) => backedUp ? SoftwareKey : HardwareKey;
}
