namespace IdentityHub.Data.Organizations;

/// <summary>
/// A practice, agency or group whose people sign in to the plan's portals (D1). Its administrators manage
/// its people (D3, D6); the plan's security team approves it (D2) and may suspend it. The profiles it holds
/// and the re-certification of its users' access hang off it (D4, D7).
/// </summary>
public class Organization
{
    public string Id { get; set; } = Guid.CreateVersion7().ToString("N");

    public required string Name { get; set; }

    /// <summary>Nine digits (<see cref="Core.Organizations.TaxIds"/>); unique.</summary>
    public required string TaxId { get; set; }

    public required PostalAddress Address { get; set; }

    public string? Phone { get; set; }

    public string? Fax { get; set; }

    public OrganizationStatus Status { get; set; } = OrganizationStatus.Active;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Changes on every write: the API's ETag, so two administrators cannot overwrite each other.</summary>
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");

    public List<OrganizationLocation> Locations { get; set; } = [];
}

public enum OrganizationStatus
{
    Active,

    /// <summary>Its people cannot sign in; its administrators manage nothing until the plan reactivates it.</summary>
    Suspended,
}

/// <summary>An office of the organization (D1), named on invitations and users.</summary>
public class OrganizationLocation
{
    public string Id { get; set; } = Guid.CreateVersion7().ToString("N");

    public required string OrganizationId { get; set; }

    public required string Name { get; set; }

    public required PostalAddress Address { get; set; }

    public string? Phone { get; set; }

    /// <summary>Changes on every write: the API's ETag for the office.</summary>
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");
}

/// <summary>A US postal address, stored in the columns of whatever holds it.</summary>
public class PostalAddress
{
    public required string Line1 { get; set; }

    public string? Line2 { get; set; }

    public required string City { get; set; }

    /// <summary>Two-letter state or territory code.</summary>
    public required string State { get; set; }

    /// <summary>ZIP or ZIP+4.</summary>
    public required string PostalCode { get; set; }
}
