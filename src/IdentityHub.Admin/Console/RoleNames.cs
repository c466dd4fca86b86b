using IdentityHub.Core.Organizations;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Admin.Console;

/// <summary>Administrative roles in the words the console shows (ConsoleText, ConsoleRole.*).</summary>
public static class RoleNames
{
    /// <summary>The role in a sentence ("You are signed in as Ana, a member of the help desk").</summary>
    public static string Of(IStringLocalizer text, AdministrativeRole role) => text["ConsoleRole." + Name(role) + ".InSentence"];

    /// <summary>The role's name in a list or a choice.</summary>
    public static string Label(IStringLocalizer text, AdministrativeRole role) => text["ConsoleRole." + Name(role)];

    private static string Name(AdministrativeRole role) => Enum.IsDefined(role) ? role.ToString() : nameof(AdministrativeRole.GeneralUser);
}
