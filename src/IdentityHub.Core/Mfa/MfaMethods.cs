using IdentityHub.Core.Assurance;

namespace IdentityHub.Core.Mfa;

/// <summary>
/// The second factors IdentityHub knows, one descriptor each. Adding a method is one entry here, a
/// value of <see cref="MfaMethodKind"/>, and the folder that enrolls and verifies it.
/// </summary>
public static class MfaMethods
{
    /// <summary>Shown when email codes do not count as a second factor.</summary>
    public const string EmailNotAllowedReason =
        "Email is not allowed as a second factor; use an authenticator app, a passkey, or a code by text message or phone call.";

    /// <summary>Shown when text and phone-call codes are restricted.</summary>
    public const string PhoneRestrictedReason =
        "Text message and phone call codes can be intercepted; an authenticator app or passkey protects your account better.";

    private static readonly MethodAssurance Full = new(CountsAsSecondFactor: true, Restricted: false, Reason: null);
    private static readonly MethodAssurance Intercepted = new(CountsAsSecondFactor: true, Restricted: true, PhoneRestrictedReason);

    public static MfaMethodDescriptor Email { get; } = new()
    {
        Kind = MfaMethodKind.Email,
        Name = "Email",
        Amr = [AuthenticationMethods.Email],
        Legacy = Full,
        Nist = new MethodAssurance(CountsAsSecondFactor: false, Restricted: false, EmailNotAllowedReason),
        Channel = CodeChannel.Email,
        Mask = Destinations.MaskEmail,
        EnrollmentHint = "We'll send a verification code to your email.",
        ChallengeChoice = "Send an email to {0}",
        ResetChoice = "Send a code by email",
        ResetInstructions = "If the account has an email address on file for security codes, we have sent a code to it.",
    };

    public static MfaMethodDescriptor Sms { get; } = new()
    {
        Kind = MfaMethodKind.Sms,
        Name = "Text message",
        Amr = [AuthenticationMethods.Sms],
        Legacy = Full,
        Nist = Intercepted,
        Channel = CodeChannel.Sms,
        Mask = Destinations.MaskPhone,
        EnrollmentHint = "We'll send a verification code to your mobile number. Standard messaging and data rates may apply.",
        ChallengeChoice = "Send a text message to {0}",
        ResetChoice = "Send a code by text message",
        ResetInstructions = "If the account has a mobile phone number on file for security codes, we have sent a code to it by text message.",
    };

    public static MfaMethodDescriptor Voice { get; } = new()
    {
        Kind = MfaMethodKind.Voice,
        Name = "Phone call",
        Amr = [AuthenticationMethods.Telephone],
        Legacy = Full,
        Nist = Intercepted,
        Channel = CodeChannel.Voice,
        Mask = Destinations.MaskPhone,
        EnrollmentHint = "We'll call your phone and read a verification code aloud.",
        ChallengeChoice = "Call {0} and read the code aloud",
        ResetChoice = "Call me with a code",
        ResetInstructions = "If the account has a phone number on file for security codes, we are calling it to read a code aloud.",
    };

    public static MfaMethodDescriptor AuthenticatorApp { get; } = new()
    {
        Kind = MfaMethodKind.Totp,
        Name = "Authenticator app",
        Amr = [AuthenticationMethods.OneTimePassword],
        Legacy = Full,
        Nist = Full,
        HeldCodeDigits = Totp.Digits,
        EnrollmentHint = "Use an app on your phone, such as Microsoft Authenticator or Google Authenticator, to make codes. Works without signal.",
        ChallengeChoice = "Use your authenticator app",
        HowTo = "Enter the {digits}-digit code your authenticator app shows now.",
        ResetChoice = "Use my authenticator app",
        ResetInstructions = "Enter the {digits}-digit code your authenticator app shows now.",
    };

    public static MfaMethodDescriptor Passkey { get; } = new()
    {
        Kind = MfaMethodKind.Passkey,
        Name = "Passkey",
        Amr = [AuthenticationMethods.HardwareKey, AuthenticationMethods.SoftwareKey],
        Legacy = Full,
        Nist = Full,
    };

    /// <summary>
    /// RFC 8176 registers no value for recovery codes; like an app's codes they are one-time codes the
    /// person holds, so they prove <c>otp</c>.
    /// </summary>
    public static MfaMethodDescriptor RecoveryCode { get; } = new()
    {
        Kind = MfaMethodKind.RecoveryCode,
        Name = "Recovery code",
        Amr = [AuthenticationMethods.OneTimePassword],
        Legacy = Full,
        Nist = Full,
        HowTo = "Enter one of the recovery codes you saved when you set up two-step verification. Each code works once.",
        ResetChoice = "Use a recovery code",
        ResetInstructions = "Enter one of the recovery codes you saved when you set up two-step verification. Each code works once.",
    };

    /// <summary>Every method, in the order the pages list them.</summary>
    public static IReadOnlyList<MfaMethodDescriptor> All { get; } = [Email, Sms, Voice, AuthenticatorApp, Passkey, RecoveryCode];

    public static MfaMethodDescriptor Of(MfaMethodKind kind) =>
        Find(kind) ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown method.");

    /// <summary>The descriptor of <paramref name="kind"/>, or null for a value no method has (a number read from settings).</summary>
    public static MfaMethodDescriptor? Find(MfaMethodKind kind) => All.FirstOrDefault(method => method.Kind == kind);

    /// <summary>Whether an <c>amr</c> value stands for a method that counts as a second factor under <paramref name="preset"/>.</summary>
    public static bool CountsAsSecondFactor(string amr, AssurancePreset preset) =>
        All.Any(method => method.Amr.Contains(amr, StringComparer.Ordinal) && method.AssuranceUnder(preset).CountsAsSecondFactor);
}
