using IdentityHub.Data.Users;
using Microsoft.AspNetCore.Identity;

namespace IdentityHub.Server.Sessions;

/// <summary>
/// Checks a password against a throwaway hash made with the configured hasher, so that an unknown
/// username costs as much time as a wrong password.
/// </summary>
internal static class TimingDecoy
{
    private static string? s_hash;

    public static void Verify(IPasswordHasher<IdentityHubUser> hasher, string password)
    {
        var decoy = new IdentityHubUser();
        var hash = s_hash ??= hasher.HashPassword(decoy, Guid.NewGuid().ToString());
        hasher.VerifyHashedPassword(decoy, hash, password);
    }
}
