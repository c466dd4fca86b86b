using IdentityHub.Core.Mfa;
using IdentityHub.Data.Users;

namespace IdentityHub.Server.Mfa;

/// <summary>
/// A code that reached the account's own email address or phone number proves it: the account then says so
/// (<c>email_verified</c>, <c>phone_number_verified</c> in the tokens and userinfo). The change is saved with the
/// method it came with.
/// </summary>
internal static class ProvenDestinations
{
    public static void Confirm(IdentityHubUser user, MfaMethodKind kind, string destination)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (kind == MfaMethodKind.Email && string.Equals(user.Email?.Trim(), destination.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            user.EmailConfirmed = true;
        }
        else if (kind is MfaMethodKind.Sms or MfaMethodKind.Voice && user.PhoneNumber is { } phone && phone == destination)
        {
            user.PhoneNumberConfirmed = true;
        }
    }
}
