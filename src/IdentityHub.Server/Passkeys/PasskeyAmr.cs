using IdentityHub.Core.Assurance;
using Microsoft.AspNetCore.Identity;

namespace IdentityHub.Server.Passkeys;

/// <summary>
/// The <c>amr</c> value a passkey proves (RFC 8176): a key that can leave its device (synced, or
/// eligible for syncing) is a software key, one that cannot is a hardware key.
/// </summary>
internal static class PasskeyAmr
{
    // TODO: AuthenticationMethods.ForPasskey(backedUp) replaces this once it is in Core.
    public static string For(UserPasskeyInfo passkey) =>
        passkey.IsBackedUp || passkey.IsBackupEligible ? AuthenticationMethods.SoftwareKey : AuthenticationMethods.HardwareKey;
}
