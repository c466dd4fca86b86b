namespace IdentityHub.Core.Organizations;

/// <summary>
/// What a person may administer (D3, D8). Everyone in an organization is a general user unless named its
/// primary or a backup administrator; the plan's own staff belong to no organization.
/// </summary>
public enum AdministrativeRole
{
    /// <summary>Signs in to portals; manages nothing.</summary>
    GeneralUser = 0,

    /// <summary>Stands in for the primary administrator: the same rights within the organization.</summary>
    BackupAdministrator = 1,

    /// <summary>The organization's administrator, one per organization.</summary>
    PrimaryAdministrator = 2,

    /// <summary>The plan's help desk: looks up reference numbers, unlocks, starts resets; changes no roles.</summary>
    HelpDesk = 3,

    /// <summary>The plan's security team: approves organizations and acts for any of them.</summary>
    PlatformAdministrator = 4,
}

public static class AdministrativeRoles
{
    /// <summary>Roles held inside an organization (the others belong to the plan and to no organization).</summary>
    public static bool BelongsToAnOrganization(this AdministrativeRole role) =>
        role is AdministrativeRole.GeneralUser or AdministrativeRole.BackupAdministrator or AdministrativeRole.PrimaryAdministrator;

    /// <summary>Manages the people of their own organization.</summary>
    public static bool AdministersOrganization(this AdministrativeRole role) =>
        role is AdministrativeRole.BackupAdministrator or AdministrativeRole.PrimaryAdministrator;

    /// <summary>Acts for every organization (all of it, or the help desk's part).</summary>
    public static bool IsPlatformStaff(this AdministrativeRole role) =>
        role is AdministrativeRole.HelpDesk or AdministrativeRole.PlatformAdministrator;
}
