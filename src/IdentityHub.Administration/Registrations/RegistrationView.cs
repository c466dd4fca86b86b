using IdentityHub.Administration.Invitations;
using IdentityHub.Administration.Organizations;
using IdentityHub.Data.Organizations;

namespace IdentityHub.Administration.Registrations;

/// <summary>A registration request as platform administrators review it.</summary>
public sealed record RegistrationView(
    string Id,
    string OrganizationName,
    string TaxId,
    PostalAddress Address,
    string? Phone,
    string? Fax,
    RequestedAdministrator Primary,
    RequestedAdministrator Secondary,
    DateTimeOffset SubmittedAt,
    RegistrationStatus Status,
    string? RejectionReason,
    string? OrganizationId,
    string Version)
{
    public static RegistrationView Of(RegistrationRequest request) => new(
        request.Id, request.OrganizationName, request.TaxId, request.Address, request.Phone, request.Fax, request.Primary, request.Secondary,
        request.SubmittedAt, request.Status, request.RejectionReason, request.OrganizationId, request.ConcurrencyStamp);
}

/// <summary>An approved request: the organization it created and the invitations mailed to its two administrators.</summary>
public sealed record ApprovedRegistration(OrganizationView Organization, InvitationView Primary, InvitationView Secondary);
