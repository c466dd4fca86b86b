using IdentityHub.Administration.Invitations;

namespace IdentityHub.Admin.Pages.Invitations;

/// <summary>The invitation form's fields, named as the service names its problems (givenName → Input.GivenName).</summary>
public sealed class InvitationForm
{
    public string? GivenName { get; set; }

    public string? FamilyName { get; set; }

    public string? Email { get; set; }

    public string? LocationId { get; set; }

    public string? OrganizationId { get; set; }

    public InvitationInput ToInput() =>
        new(GivenName, FamilyName, Email, string.IsNullOrEmpty(LocationId) ? null : LocationId, ClientId: null, string.IsNullOrEmpty(OrganizationId) ? null : OrganizationId);
}
