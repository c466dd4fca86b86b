namespace IdentityHub.Data.Mfa;

/// <summary>
/// "Remember this device" (M7): a browser that completed MFA. The browser holds a random token; only
/// its hash is stored, so the table cannot be used to impersonate anyone.
/// </summary>
public class RememberedDevice
{
    public string Id { get; set; } = Guid.CreateVersion7().ToString("N");

    public required string UserId { get; set; }

    public required string TokenHash { get; set; }

    /// <summary>The assurance level and methods of the sign-in that remembered it.</summary>
    public required string Acr { get; set; }

    public required string Methods { get; set; }

    /// <summary>What the user sees in the list: browser and system, from the user agent.</summary>
    public required string Description { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsValidAt(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;
}
