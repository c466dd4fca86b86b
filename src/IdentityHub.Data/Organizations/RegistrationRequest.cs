namespace IdentityHub.Data.Organizations;

/// <summary>
/// A practice asking to be set up (D2), from the public registration page: the organization as it describes
/// itself and its primary and secondary administrators. A platform administrator approves it (the
/// organization is created and both administrators invited) or rejects it with a reason that is emailed.
/// </summary>
public class RegistrationRequest
{
    public string Id { get; set; } = Guid.CreateVersion7().ToString("N");

    public required string OrganizationName { get; set; }

    public required string TaxId { get; set; }

    public required PostalAddress Address { get; set; }

    public string? Phone { get; set; }

    public string? Fax { get; set; }

    public required RequestedAdministrator Primary { get; set; }

    public required RequestedAdministrator Secondary { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public string? SubmittedFrom { get; set; }

    public RegistrationStatus Status { get; set; } = RegistrationStatus.Pending;

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecidedBy { get; set; }

    public string? RejectionReason { get; set; }

    /// <summary>The organization an approval created.</summary>
    public string? OrganizationId { get; set; }

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");
}

public enum RegistrationStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>An administrator a registration request names.</summary>
public class RequestedAdministrator
{
    public required string GivenName { get; set; }

    public required string FamilyName { get; set; }

    public required string Email { get; set; }

    public required string Phone { get; set; }
}
