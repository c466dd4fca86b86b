using IdentityHub.Administration.People;

namespace IdentityHub.Admin.Console;

/// <summary>A person's account state in words (never a colour alone).</summary>
public static class PersonStates
{
    public static string Of(PersonView person) => (person.IsDisabled, person.IsLockedOut) switch
    {
        (true, _) => "Turned off",
        (false, true) => "Locked out",
        _ => "Active",
    };
}
