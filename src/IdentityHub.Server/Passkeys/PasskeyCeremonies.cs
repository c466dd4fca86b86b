using IdentityHub.Core.Assurance;
using IdentityHub.Data.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace IdentityHub.Server.Passkeys;

/// <summary>A passkey as the account page shows it.</summary>
public sealed record PasskeyListing(string Id, string Name, DateTimeOffset CreatedAt, string Amr);

/// <summary>A verified passkey: whose it is and what it proves (<c>hwk</c> or <c>swk</c>).</summary>
public sealed record VerifiedPasskey(IdentityHubUser User, string Amr);

/// <summary>
/// The WebAuthn ceremonies on top of Identity's passkey APIs: options for the browser, then checking
/// what it sent back. Identity keeps each ceremony's challenge in its own short-lived cookie; a
/// challenge is dropped once checked, so it can be used only once. Expected failures are results
/// (null, or a reason for the audit log), never exceptions.
/// </summary>
public sealed class PasskeyCeremonies(SignInManager<IdentityHubUser> signIn, UserManager<IdentityHubUser> users, IHttpContextAccessor http)
{
    public const int MaxNameLength = 50;

    // A real credential is a few kilobytes at most; anything far larger is not worth parsing.
    private const int MaxCredentialLength = 64 * 1024;

    public Task<string> CreationOptionsAsync(IdentityHubUser user) =>
        signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity { Id = user.Id, Name = user.UserName ?? user.Id, DisplayName = user.DisplayName });

    /// <summary>Request options for <paramref name="user"/>'s passkeys, or (null) for any discoverable passkey.</summary>
    public Task<string> RequestOptionsAsync(IdentityHubUser? user) => signIn.MakePasskeyRequestOptionsAsync(user);

    /// <summary>Checks a new credential from navigator.credentials.create and saves it under <paramref name="name"/>.</summary>
    public async Task<(bool Succeeded, string Detail)> RegisterAsync(IdentityHubUser user, string? credentialJson, string name)
    {
        if (!Plausible(credentialJson))
        {
            return (false, "no credential");
        }

        PasskeyAttestationResult attestation;
        try
        {
            attestation = await signIn.PerformPasskeyAttestationAsync(credentialJson!);
        }
        catch (InvalidOperationException exception)
        {
            // No ceremony underway: its cookie expired, another tab started one, or this is a replay.
            return (false, exception.Message);
        }

        await EndCeremonyAsync();
        if (!attestation.Succeeded)
        {
            return (false, attestation.Failure.Message);
        }

        // The options were made for the signed-in user; a credential made for anyone else is refused.
        if (attestation.UserEntity.Id != user.Id)
        {
            return (false, "credential created for another user");
        }

        attestation.Passkey.Name = name;
        var saved = await users.AddOrUpdatePasskeyAsync(user, attestation.Passkey);
        return saved.Succeeded ? (true, AmrOf(attestation.Passkey)) : (false, string.Join("; ", saved.Errors.Select(e => e.Code)));
    }

    /// <summary>
    /// Checks an assertion from navigator.credentials.get against the challenge made by
    /// <see cref="RequestOptionsAsync"/>, and records the passkey's new signature counter.
    /// </summary>
    public async Task<(VerifiedPasskey? Passkey, string Detail)> VerifyAsync(string? credentialJson)
    {
        if (!Plausible(credentialJson))
        {
            return (null, "no credential");
        }

        PasskeyAssertionResult<IdentityHubUser> assertion;
        try
        {
            assertion = await signIn.PerformPasskeyAssertionAsync(credentialJson!);
        }
        catch (InvalidOperationException exception)
        {
            // No ceremony underway: its cookie expired, another tab started one, or this is a replay.
            return (null, exception.Message);
        }

        await EndCeremonyAsync();
        if (!assertion.Succeeded)
        {
            return (null, assertion.Failure.Message);
        }

        var updated = await users.AddOrUpdatePasskeyAsync(assertion.User, assertion.Passkey);
        return updated.Succeeded
            ? (new VerifiedPasskey(assertion.User, AmrOf(assertion.Passkey)), "verified")
            : (null, string.Join("; ", updated.Errors.Select(e => e.Code)));
    }

    public async Task<IReadOnlyList<PasskeyListing>> ListAsync(IdentityHubUser user) =>
        (await users.GetPasskeysAsync(user))
            .OrderBy(passkey => passkey.CreatedAt)
            .Select(passkey => new PasskeyListing(WebEncoders.Base64UrlEncode(passkey.CredentialId), passkey.Name ?? "Passkey", passkey.CreatedAt, AmrOf(passkey)))
            .ToList();

    public async Task<bool> HasAnyAsync(IdentityHubUser user) => (await users.GetPasskeysAsync(user)).Count > 0;

    public async Task<bool> RenameAsync(IdentityHubUser user, string? id, string name)
    {
        if (await FindAsync(user, id) is not { } passkey)
        {
            return false;
        }

        passkey.Name = name;
        return (await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded;
    }

    public async Task<bool> RemoveAsync(IdentityHubUser user, string? id) =>
        await FindAsync(user, id) is { } passkey && (await users.RemovePasskeyAsync(user, passkey.CredentialId)).Succeeded;

    /// <summary>A name to keep: trimmed, at most <see cref="MaxNameLength"/> characters, never empty.</summary>
    public static string? CleanName(string? name)
    {
        var trimmed = string.Join(' ', (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return trimmed.Length is > 0 and <= MaxNameLength && !trimmed.Any(char.IsControl) ? trimmed : null;
    }

    private async Task<UserPasskeyInfo?> FindAsync(IdentityHubUser user, string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 2048)
        {
            return null;
        }

        byte[] credentialId;
        try
        {
            credentialId = WebEncoders.Base64UrlDecode(id);
        }
        catch (FormatException)
        {
            return null;
        }

        return await users.GetPasskeyAsync(user, credentialId);
    }

    private static bool Plausible(string? credentialJson) =>
        !string.IsNullOrWhiteSpace(credentialJson) && credentialJson.Length <= MaxCredentialLength;

    // Identity keeps the challenge in the two-factor user-id cookie, which nothing else here uses.
    private Task EndCeremonyAsync() => http.HttpContext!.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);

    // A key that can leave its device (synced, or eligible for syncing) is a software key.
    private static string AmrOf(UserPasskeyInfo passkey) => AuthenticationMethods.ForPasskey(passkey.IsBackedUp || passkey.IsBackupEligible);
}
