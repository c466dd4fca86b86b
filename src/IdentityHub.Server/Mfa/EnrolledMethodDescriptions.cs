using IdentityHub.Core.Mfa;
using IdentityHub.Data.Mfa;

namespace IdentityHub.Server.Mfa;

/// <summary>An enrolled method seen through its kind's descriptor.</summary>
public static class EnrolledMethodDescriptions
{
    public static MfaMethodDescriptor Descriptor(this MfaMethod method) => MfaMethods.Of(method.Kind);

    /// <summary>Where its codes go, masked (M5); an authenticator app shows its label.</summary>
    public static string MaskedDestination(this MfaMethod method) => method.Descriptor().Mask(method.Destination);

    /// <summary>The <c>amr</c> value a check of it proves (not for passkeys, whose value depends on the credential).</summary>
    public static string Amr(this MfaMethod method) => method.Descriptor().Amr.Single();
}
