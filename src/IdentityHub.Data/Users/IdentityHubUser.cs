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

    /// <summary>The display name portals show ("Rosa Ramirez"), falling back to the username.</summary>
    public string DisplayName =>
        string.Join(' ', new[] { GivenName, FamilyName }.Where(part => !string.IsNullOrWhiteSpace(part))) is { Length: > 0 } name
            ? name
            : UserName ?? Id;
}
