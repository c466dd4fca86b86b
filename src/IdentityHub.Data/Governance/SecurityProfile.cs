namespace IdentityHub.Data.Governance;

/// <summary>
/// What a person may do in one portal (D4): "Claims", "Eligibility" in the provider portal, "Quoting" in the
/// producer portal. The plan's platform administrators define them per portal and grant them to organizations;
/// an organization's administrators give their people the profiles it holds. The chosen one reaches the portal
/// as the <c>role</c> and <c>identityhub_profile</c> claims.
/// </summary>
public class SecurityProfile
{
    public string Id { get; set; } = Guid.CreateVersion7().ToString("N");

    /// <summary>The portal (client id) the profile belongs to.</summary>
    public required string ClientId { get; set; }

    /// <summary>The value of the <c>role</c> claim: lower case letters, digits, '-' and '_' (for example <c>claims</c>); unique per portal.</summary>
    public required string Role { get; set; }

    /// <summary>What people read on the choice page and in the console ("Claims").</summary>
    public required string DisplayName { get; set; }

    /// <summary>One sentence on what the profile lets people do, shown under its name.</summary>
    public string? Description { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Changes on every write: the API's ETag.</summary>
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");
}

/// <summary>A profile an organization holds (D4): its administrators may give it to their people.</summary>
public class OrganizationProfile
{
    public required string OrganizationId { get; set; }

    public required string ProfileId { get; set; }

    public DateTimeOffset GrantedAt { get; set; }

    /// <summary>The platform administrator who granted it.</summary>
    public string? GrantedBy { get; set; }
}

/// <summary>A profile a person holds (D4, A13). Removing it ends its use: the next refresh for that portal is refused.</summary>
public class UserProfile
{
    public required string UserId { get; set; }

    public required string ProfileId { get; set; }

    public DateTimeOffset AssignedAt { get; set; }

    public string? AssignedBy { get; set; }
}
