using Microsoft.AspNetCore.Identity;

namespace IdentityHub.Data.Users;

/// <summary>
/// A person who signs in. <see cref="IdentityUser.Id"/> is the stable, opaque subject identifier
/// (<c>sub</c>) given to portals; it never changes when the username does.
/// </summary>
public class IdentityHubUser : IdentityUser
{
    public IdentityHubUser()
    {
        Id = Guid.CreateVersion7().ToString("N");
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    [PersonalData]
    public string? GivenName { get; set; }

    [PersonalData]
    public string? FamilyName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The practice or agency named by an import (A10), kept as text until the user is placed in an organization.</summary>
    [PersonalData]
    public string? Organization { get; set; }

    /// <summary>The language the person chose for pages and messages (en, es; A14); null until they choose one.</summary>
    [PersonalData]
    [System.ComponentModel.DataAnnotations.MaxLength(8)]
    public string? PreferredLanguage { get; set; }

    /// <summary>The organization the user belongs to (D1); none for the plan's own staff.</summary>
    public string? OrganizationId { get; set; }

    /// <summary>The office of the organization the user works at.</summary>
    public string? LocationId { get; set; }

    /// <summary>What the user may administer (D3): read from here on every admin request, never from a token.</summary>
    public Core.Organizations.AdministrativeRole AdministrativeRole { get; set; }

    /// <summary>When the user was created by <c>import-users</c> (A10); null for users created here.</summary>
    public DateTimeOffset? ImportedAt { get; set; }

    /// <summary>A temporary password (set by an administrator or an import) must be changed at the next sign-in (A4).</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>When the user last completed a sign-in, for the inactivity rule (A9).</summary>
    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>Set when the account was turned off after a long time without a sign-in (A9); a password reset clears it.</summary>
    public DateTimeOffset? DisabledForInactivityAt { get; set; }

    /// <summary>Set while an administrator has turned the account off (A12); only an administrator turns it back on, a password reset does not.</summary>
    public DateTimeOffset? DisabledByAdministratorAt { get; set; }

    /// <summary>When the password was last set, for expiry under the legacy preset (A2).</summary>
    public DateTimeOffset? PasswordChangedAt { get; set; }

    /// <summary>Wrong one-time codes in a row, across codes; a new code does not reset it (M3).</summary>
    public int MfaFailedAttempts { get; set; }

    /// <summary>Until when code checks are refused after too many wrong codes.</summary>
    public DateTimeOffset? MfaLockedUntil { get; set; }

    /// <summary>
    /// The SHA-256 hash of the secret in the password-reset link an administrator had sent (D6); null when
    /// none is pending. A newer link replaces it, and choosing a password uses it up.
    /// </summary>
    public string? PasswordChoiceHash { get; set; }

    /// <summary>Until when the pending password-reset link works.</summary>
    public DateTimeOffset? PasswordChoiceExpiresAt { get; set; }

    /// <summary>
    /// Clears a lockout, the failed-attempt count and an inactivity switch-off, and starts the inactivity
    /// clock again (a password reset, a temporary password, an administrator). An administrator's
    /// switch-off stays unless <paramref name="byAdministrator"/>: only an administrator undoes it.
    /// </summary>
    public void Reactivate(DateTimeOffset now, bool byAdministrator = false)
    {
        if (byAdministrator)
        {
            DisabledByAdministratorAt = null;
        }

        DisabledForInactivityAt = null;
        LastSignInAt = now;
        AccessFailedCount = 0;
        if (DisabledByAdministratorAt is null)
        {
            LockoutEnd = null;
        }
    }

    /// <summary>The display name portals show ("Rosa Ramirez"), falling back to the username.</summary>
    public string DisplayName =>
        string.Join(' ', new[] { GivenName, FamilyName }.Where(part => !string.IsNullOrWhiteSpace(part))) is { Length: > 0 } name
            ? name
            : UserName ?? Id;
}
