using IdentityHub.Administration.People;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Admin.Console;

/// <summary>A person's account state in words (never a colour alone).</summary>
public static class PersonStates
{
    public static string Of(IStringLocalizer text, PersonView person) => (person.IsDisabled, person.IsLockedOut) switch
    {
        (true, _) => text["ConsoleState.TurnedOff"],
        (false, true) => text["ConsoleState.LockedOut"],
        _ => text["ConsoleState.Active"],
    };
}
