using IdentityHub.Core.Organizations;

namespace IdentityHub.Admin.Console;

/// <summary>Administrative roles in the words the console shows.</summary>
public static class RoleNames
{
    public static string Of(AdministrativeRole role) => role switch
    {
        AdministrativeRole.PlatformAdministrator => "a platform administrator",
        AdministrativeRole.HelpDesk => "a member of the help desk",
        AdministrativeRole.PrimaryAdministrator => "the primary administrator of your organization",
        AdministrativeRole.BackupAdministrator => "a backup administrator of your organization",
        _ => "a general user",
    };

    /// <summary>The role's name in a list or a choice.</summary>
    public static string Label(AdministrativeRole role) => role switch
    {
        AdministrativeRole.PlatformAdministrator => "Platform administrator",
        AdministrativeRole.HelpDesk => "Help desk",
        AdministrativeRole.PrimaryAdministrator => "Primary administrator",
        AdministrativeRole.BackupAdministrator => "Backup administrator",
        _ => "General user",
    };
}
