using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Administration.Governance;
using IdentityHub.Administration.People;
using IdentityHub.Core.Organizations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IdentityHub.Admin.Pages.People;

/// <summary>
/// A person's details and where their account stands; the change of their administrative role (a sensitive
/// action) under the staffing rule; and the account actions of D6 and D8 (turn off and on, unlock, reset the
/// second factors, sign out everywhere, start a password reset), each offered only when the caller may take
/// it (<see cref="AccountActionRules"/>), each naming the version the page showed. Someone in another
/// organization is the 404 page. Their access (security profiles and re-certification) is in PersonAccess.cs.
/// </summary>
public sealed partial class PersonModel(
    PeopleDirectory people, AccountActions actions, SensitiveActions sensitive, IOptionsMonitor<AccountActionOptions> actionOptions,
    PersonProfiles profiles, AccessReviews reviews) : ConsolePage
{
    private readonly PersonProfiles _profiles = profiles;
    private readonly AccessReviews _reviews = reviews;

    /// <summary>The query value that asks the page to confirm an MFA reset before it offers the button that does it.</summary>
    public const string ConfirmMfaReset = "reset-mfa";

    /// <summary>The roles offered, each described by <c>ConsolePerson.RoleMeans.&lt;role&gt;</c>.</summary>
    public static readonly IReadOnlyList<AdministrativeRole> Choices =
        [AdministrativeRole.GeneralUser, AdministrativeRole.BackupAdministrator, AdministrativeRole.PrimaryAdministrator];

    [BindProperty]
    public string? Version { get; set; }

    [BindProperty]
    public AdministrativeRole? NewRole { get; set; }

    public PersonView Person { get; private set; } = null!;

    public PersonStanding Standing { get; private set; } = null!;

    /// <summary>The page asks "are you sure?" before the MFA reset button (GET <c>?confirm=reset-mfa</c>).</summary>
    public bool ConfirmingMfaReset { get; private set; }

    /// <summary>How long the link of a password reset works, in words ("24 hours").</summary>
    public string ResetLinkLifetime => ConsoleDurations.Of(Text, actionOptions.CurrentValue.PasswordResetLinkLifetime);

    /// <summary>The help desk changes no roles; the plan's own staff have no organization role to change.</summary>
    public bool CanChangeRole => Caller.Role != AdministrativeRole.HelpDesk && Person.OrganizationId is not null;

    /// <summary>Whether the page offers <paramref name="action"/>: the rules allow it to the caller, and it fits the account's state.</summary>
    public bool Offers(AccountAction action) =>
        AccountActionRules.Refusal(Caller, action, Person.Id, Person.Role) is null && action switch
        {
            AccountAction.Disable => !Person.IsDisabled,
            AccountAction.Enable => Person.IsDisabled,
            _ => true,
        };

    public async Task<IActionResult> OnGetAsync(string id, string? confirm, CancellationToken cancellationToken)
    {
        if (!await ShowAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ConfirmingMfaReset = confirm == ConfirmMfaReset && Offers(AccountAction.ResetMfa);
        return Page();
    }

    public async Task<IActionResult> OnPostRoleAsync(string id, CancellationToken cancellationToken)
    {
        if (!sensitive.Allow(User))
        {
            return SensitiveActions.SignInAgain(PathOf(id));
        }

        if (NewRole is not { } role)
        {
            ModelState.Clear();
            return await ShowAsync(id, cancellationToken, keepVersion: true) ? WithProblem(Text["ConsolePerson.ChooseRole"]) : NotFound();
        }

        var result = await people.ChangeRoleAsync(Caller, id, Version, role, cancellationToken);
        if (result is AdminResult<PersonView>.Done done)
        {
            Remember(done, Text["ConsolePerson.RoleChanged", NameOf(done.Value), RoleNames.Label(Text, done.Value.Role)]);
            return RedirectToPage(new { id });
        }

        ModelState.Clear();
        if (ShowRefusal(result, prefix: "") is not null || !await ShowAsync(id, cancellationToken, keepVersion: result is not AdminResult<PersonView>.Stale))
        {
            return NotFound();
        }

        // The service names the field "role"; the form's is NewRole.
        if (ModelState.TryGetValue("Role", out var entry))
        {
            var problems = entry.Errors.Select(error => error.ErrorMessage).ToList();
            ModelState.Remove("Role");
            problems.ForEach(problem => ModelState.AddModelError(nameof(NewRole), problem));
        }

        return Page();
    }

    public Task<IActionResult> OnPostDisableAsync(string id, CancellationToken cancellationToken) =>
        ActAsync(id, AccountAction.Disable, actions.DisableAsync,
            person => Text["ConsolePerson.Disabled", NameOf(person)],
            cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(string id, CancellationToken cancellationToken) =>
        ActAsync(id, AccountAction.Enable, actions.EnableAsync,
            person => Text["ConsolePerson.Enabled", NameOf(person)],
            cancellationToken);

    public Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken cancellationToken) =>
        ActAsync(id, AccountAction.Unlock, actions.UnlockAsync,
            person => Text["ConsolePerson.Unlocked", NameOf(person)],
            cancellationToken);

    public Task<IActionResult> OnPostResetMfaAsync(string id, CancellationToken cancellationToken) =>
        ActAsync(id, AccountAction.ResetMfa, actions.ResetMfaAsync,
            person => Text["ConsolePerson.MfaReset", NameOf(person)],
            cancellationToken);

    public Task<IActionResult> OnPostEndSessionsAsync(string id, CancellationToken cancellationToken) =>
        ActAsync(id, AccountAction.EndSessions, actions.EndSessionsAsync,
            person => Text["ConsolePerson.SessionsEnded", NameOf(person)],
            cancellationToken);

    public Task<IActionResult> OnPostPasswordResetAsync(string id, CancellationToken cancellationToken) =>
        ActAsync(id, AccountAction.StartPasswordReset, actions.StartPasswordResetAsync,
            person => Text["ConsolePerson.PasswordResetStarted", NameOf(person), person.Email ?? "", ResetLinkLifetime],
            cancellationToken);

    /// <summary>The actions that need a passkey sign-in or a fresh one (decision 0019): they lock a person out or strip their factors.</summary>
    public static bool IsSensitive(AccountAction action) => action is AccountAction.Disable or AccountAction.ResetMfa or AccountAction.EndSessions;

    /// <summary>The id of the form of an action on the page, where its problems link to.</summary>
    public static string FormId(AccountAction action) => "action-" + action.ToString().ToLowerInvariant();

    private async Task<IActionResult> ActAsync(
        string id, AccountAction action, Func<AdminCaller, string, string?, CancellationToken, Task<AdminResult<PersonView>>> act,
        Func<PersonView, LocalizedString> message, CancellationToken cancellationToken)
    {
        if (IsSensitive(action) && !sensitive.Allow(User))
        {
            return SensitiveActions.SignInAgain(PathOf(id));
        }

        var result = await act(Caller, id, Version, cancellationToken);
        if (result is AdminResult<PersonView>.Done done)
        {
            Remember(done, message(done.Value));
            return RedirectToPage(new { id });
        }

        ModelState.Clear();
        if (result is AdminResult<PersonView>.Invalid invalid)
        {
            // An action has no fields: its problems (no email to send a link to) link to its form.
            foreach (var problem in invalid.Problems.Values.SelectMany(messages => messages))
            {
                ModelState.AddModelError(FormId(action), problem);
            }
        }
        else if (ShowRefusal(result, prefix: "") is not null)
        {
            return NotFound();
        }

        return await ShowAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private Microsoft.AspNetCore.Mvc.RazorPages.PageResult WithProblem(string problem)
    {
        ModelState.AddModelError(nameof(NewRole), problem);
        return Page();
    }

    private static string PathOf(string id) => $"/People/{Uri.EscapeDataString(id)}";

    private string NameOf(PersonView person) =>
        string.Join(' ', new[] { person.GivenName, person.FamilyName }.Where(part => !string.IsNullOrWhiteSpace(part))) is { Length: > 0 } name ? name : person.UserName ?? Text["ConsolePerson.ThePerson"];

    private async Task<bool> ShowAsync(string id, CancellationToken cancellationToken, bool keepVersion = false)
    {
        if (await people.FindStandingAsync(Caller, id, cancellationToken) is not { } standing)
        {
            return false;
        }

        (Standing, Person) = (standing, standing.Person);
        NewRole = Person.Role;
        if (!keepVersion)
        {
            Version = Person.Version;
        }

        ModelState.Remove(nameof(Version));
        ModelState.Remove(nameof(NewRole));
        await ShowAccessAsync(id, cancellationToken);
        return true;
    }

    /// <summary>Someone the caller may see (the one who confirmed a person's access), or null.</summary>
    private Task<PersonView?> FindVisibleAsync(string id, CancellationToken cancellationToken) => people.FindAsync(Caller, id, cancellationToken);
}
