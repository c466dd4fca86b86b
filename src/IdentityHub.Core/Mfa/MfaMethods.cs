using IdentityHub.Core.Assurance;

namespace IdentityHub.Core.Mfa;

/// <summary>
/// The second factors IdentityHub knows, one descriptor each. Adding a method is one entry here, a
/// value of <see cref="MfaMethodKind"/>, and the folder that enrolls and verifies it.
/// </summary>
public static class MfaMethods
{
    /// <summary>Why email codes do not count as a second factor (a key: the token server words it for people).</summary>
    public const string EmailNotAllowedReason = "EmailNotAllowed";

    /// <summary>Why text and phone-call codes are restricted (a key: the token server words it for people).</summary>
    public const string PhoneRestrictedReason = "PhoneRestricted";

    private static readonly MethodAssurance Full = new(CountsAsSecondFactor: true, Restricted: false, Reason: null);
    private static readonly MethodAssurance Intercepted = new(CountsAsSecondFactor: true, Restricted: true, PhoneRestrictedReason);

    public static MfaMethodDescriptor Email { get; } = new()
    {
        Kind = MfaMethodKind.Email,
        Amr = [AuthenticationMethods.Email],
        Legacy = Full,
        Nist = new MethodAssurance(CountsAsSecondFactor: false, Restricted: false, EmailNotAllowedReason),
        Channel = CodeChannel.Email,
        Mask = Destinations.MaskEmail,
        Enrollable = true,
        CanResetPassword = true,
    };

    public static MfaMethodDescriptor Sms { get; } = new()
    {
        Kind = MfaMethodKind.Sms,
        Amr = [AuthenticationMethods.Sms],
        Legacy = Full,
        Nist = Intercepted,
        Channel = CodeChannel.Sms,
        Mask = Destinations.MaskPhone,
        Enrollable = true,
        CanResetPassword = true,
    };

    public static MfaMethodDescriptor Voice { get; } = new()
    {
        Kind = MfaMethodKind.Voice,
        Amr = [AuthenticationMethods.Telephone],
        Legacy = Full,
        Nist = Intercepted,
        Channel = CodeChannel.Voice,
        Mask = Destinations.MaskPhone,
        Enrollable = true,
        CanResetPassword = true,
    };

    public static MfaMethodDescriptor AuthenticatorApp { get; } = new()
    {
        Kind = MfaMethodKind.Totp,
        Amr = [AuthenticationMethods.OneTimePassword],
        Legacy = Full,
        Nist = Full,
        HeldCodeDigits = Totp.Digits,
        Enrollable = true,
        CanResetPassword = true,
    };

    public static MfaMethodDescriptor Passkey { get; } = new()
    {
        Kind = MfaMethodKind.Passkey,
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
        Amr = [AuthenticationMethods.OneTimePassword],
        Legacy = Full,
        Nist = Full,
        CanResetPassword = true,
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
