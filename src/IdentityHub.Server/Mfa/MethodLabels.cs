using IdentityHub.Core.Assurance;
using IdentityHub.Core.Mfa;

namespace IdentityHub.Server.Mfa;

/// <summary>Plain words for each method, as the pages show them.</summary>
public static class MethodLabels
{
    public static string Name(MfaMethodKind kind) => kind switch
    {
        MfaMethodKind.Email => "Email",
        MfaMethodKind.Sms => "Text message",
        MfaMethodKind.Voice => "Phone call",
        MfaMethodKind.Totp => "Authenticator app",
        MfaMethodKind.Passkey => "Passkey",
        MfaMethodKind.RecoveryCode => "Recovery code",
        _ => kind.ToString(),
    };

    public static string Describe(MfaMethodKind kind, string maskedDestination) => kind switch
    {
        MfaMethodKind.Email => $"Send an email to {maskedDestination}",
        MfaMethodKind.Sms => $"Send a text message to {maskedDestination}",
        MfaMethodKind.Voice => $"Call {maskedDestination} and read the code aloud",
        MfaMethodKind.Totp => "Use your authenticator app",
        _ => maskedDestination,
    };

    public static string Amr(MfaMethodKind kind) => AuthenticationMethods.For(kind);

    /// <summary>Where codes go, masked (M5); an authenticator app shows its label.</summary>
    public static string Where(Data.Mfa.MfaMethod method) =>
        method.Kind is MfaMethodKind.Email or MfaMethodKind.Sms or MfaMethodKind.Voice
            ? Destinations.Mask(method.Kind, method.Destination)
            : method.Destination;
}
