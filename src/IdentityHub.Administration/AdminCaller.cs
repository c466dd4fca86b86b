using IdentityHub.Core.Organizations;

namespace IdentityHub.Administration;

/// <summary>
/// Who is asking, as the database says now (never as a token said earlier): the person's role and
/// organization. Every rule about who may see or change what starts from here.
/// </summary>
public sealed record AdminCaller(string UserId, AdministrativeRole Role, string? OrganizationId)
{
    /// <summary>May use the admin API and console at all: administrators of an organization and the plan's staff.</summary>
    public bool IsAdministrator => Role.AdministersOrganization() || Role.IsPlatformStaff();

    public bool IsPlatformAdministrator => Role == AdministrativeRole.PlatformAdministrator;

    /// <summary>Sees this organization's people and invitations: its own administrators, and the plan's staff for any.</summary>
    public bool CanSee(string organizationId) =>
        Role.IsPlatformStaff() || Role.AdministersOrganization() && OrganizationId == organizationId;

    /// <summary>Sees a person of this organization (null: one of the plan's own people, whom only the plan's staff see).</summary>
    public bool CanSeePersonOf(string? organizationId) =>
        Role.IsPlatformStaff() || organizationId is not null && CanSee(organizationId);
}
