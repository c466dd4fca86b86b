using IdentityHub.Core.Organizations;

namespace IdentityHub.Administration.People;

/// <summary>What an administrator does to one person's account (D6, D8).</summary>
public enum AccountAction
{
    Disable,
    Enable,
    Unlock,
    ResetMfa,
    EndSessions,
    StartPasswordReset,
    ChangeDetails,
}

/// <summary>
/// Who may do which action to whom, in one place (decision 0016). Seeing the person is checked before
/// (someone the caller may not see is "not found"); these are the refusals that follow.
/// </summary>
public static class AccountActionRules
{
    /// <summary>The help desk unlocks and starts password resets (D8), nothing else.</summary>
    public static bool HelpDeskMay(AccountAction action) => action is AccountAction.Unlock or AccountAction.StartPasswordReset;

    /// <summary>Why <paramref name="caller"/> may not do <paramref name="action"/> to this person, or null when they may.</summary>
    public static string? Refusal(AdminCaller caller, AccountAction action, string personId, AdministrativeRole personRole)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAdministrator)
        {
            return "Only administrators act on people's accounts.";
        }

        if (caller.Role == AdministrativeRole.HelpDesk && !HelpDeskMay(action))
        {
            return "The help desk unlocks accounts and starts password resets; a platform administrator or the organization's administrator does the rest.";
        }

        if (personId == caller.UserId && action is AccountAction.Disable or AccountAction.ResetMfa)
        {
            return action == AccountAction.Disable
                ? "You cannot turn off your own account. Ask another administrator."
                : "You cannot reset your own sign-in methods here. Change them on your account security page, or ask another administrator.";
        }

        if (personRole.IsPlatformStaff() && !caller.IsPlatformAdministrator)
        {
            return "Only a platform administrator acts on the accounts of the plan's staff.";
        }

        if (action == AccountAction.Disable && personRole == AdministrativeRole.PrimaryAdministrator && !caller.IsPlatformAdministrator)
        {
            return "Only a platform administrator can turn off an organization's primary administrator. Make someone else the primary administrator first, or call the plan.";
        }

        return null;
    }
}
