using IdentityHub.Core.Organizations;

namespace IdentityHub.Admin.Hosting;

/// <summary>The admin host's own settings, under <c>IdentityHub:Admin</c>.</summary>
public sealed class AdminHostOptions
{
    public const string Section = "IdentityHub:Admin";

    /// <summary>
    /// Services that call the API with a client-credentials token (a plan's provisioning system), each with
    /// the rights it acts with: a role, and the organization for an organization role.
    /// </summary>
    public List<ServiceClientRights> ServiceClients { get; set; } = [];
}

public sealed class ServiceClientRights
{
    public string ClientId { get; set; } = "";

    /// <summary>PlatformAdministrator, HelpDesk, PrimaryAdministrator or BackupAdministrator.</summary>
    public AdministrativeRole Role { get; set; } = AdministrativeRole.GeneralUser;

    /// <summary>The organization it administers; required for the organization roles, empty for the plan's.</summary>
    public string? OrganizationId { get; set; }
}
