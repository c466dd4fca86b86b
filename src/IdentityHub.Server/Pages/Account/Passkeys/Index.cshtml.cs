using IdentityHub.Data.Users;
using IdentityHub.Server.Account;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Passkeys;
using IdentityHub.Server.Sessions;
using IdentityHub.Server.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using IdentityHub.Server.Texts;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Pages.Account.Passkeys;

/// <summary>
/// The user's passkeys (M13): list, register, rename, remove. Like every change to how the user
/// signs in, each change needs a second factor proven within the last few minutes (M8).
/// </summary>
[Authorize]
public sealed class IndexModel(
    UserManager<IdentityHubUser> users,
    PasskeyCeremonies passkeys,
    FreshSecondFactor fresh,
    AccountNotices notices,
    AuditLog audit,
    IStringLocalizer<MfaText> text) : PageModel
{
    internal const string Self = "/account/passkeys";
    private string NameRule => text["Passkeys.NameRule"];

    public IReadOnlyList<PasskeyListing> Passkeys { get; private set; } = [];

    public bool IsFresh { get; private set; }

    /// <summary>The name a new passkey gets unless the user types another.</summary>
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? CredentialJson { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public string? ErrorMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } leave)
        {
            return leave;
        }

        Name = PasskeyNames.DefaultFor(Request.Headers.UserAgent, text);
        return Page();
    }

    /// <summary>Creation options for navigator.credentials.create (JSON), or where to prove a second factor first.</summary>
    public Task<IActionResult> OnPostCreationOptionsAsync() => ChangeAsync(
        async (_, user) => Content(await passkeys.CreationOptionsAsync(user), "application/json"),
        stepUp: url => new JsonResult(new { redirect = url }));

    public Task<IActionResult> OnPostRegisterAsync() => ChangeAsync(async (session, user) =>
    {
        if (CleanName(Name) is not { } name)
        {
            return Refuse(NameRule);
        }

        var (succeeded, detail) = await passkeys.RegisterAsync(user, CredentialJson, name);
        if (!succeeded)
        {
            await audit.RecordAsync("mfa.passkey_added", "failed", session.UserId, detail: detail);
            return Refuse(text["Passkeys.CouldNotRegister"]);
        }

        var notice = await notices.SendAsync(user, AccountChange.PasskeyAdded, name, cancellationToken: HttpContext.RequestAborted);
        await audit.RecordAsync("mfa.passkey_added", "succeeded", session.UserId, detail: $"{detail}; {notice.Delivered}", reference: notice.Reference);

        Notice = text["Passkeys.Added", name];
        return RedirectToPage();
    });

    public Task<IActionResult> OnPostRenameAsync(string? passkeyId, string? newName) => ChangeAsync(async (session, user) =>
    {
        if (CleanName(newName) is not { } name)
        {
            return Refuse(NameRule);
        }

        if (!await passkeys.RenameAsync(user, passkeyId, name))
        {
            return Refuse(text["Passkeys.NotFound"]);
        }

        await audit.RecordAsync("mfa.passkey_renamed", "succeeded", session.UserId);
        Notice = text["Passkeys.Renamed", name];
        return RedirectToPage();
    });

    public Task<IActionResult> OnPostRemoveAsync(string? passkeyId) => ChangeAsync(async (session, user) =>
    {
        if (!await passkeys.RemoveAsync(user, passkeyId))
        {
            return Refuse(text["Passkeys.NotFound"]);
        }

        var notice = await notices.SendAsync(user, AccountChange.PasskeyRemoved, cancellationToken: HttpContext.RequestAborted);
        await audit.RecordAsync("mfa.passkey_removed", "succeeded", session.UserId, detail: notice.Delivered, reference: notice.Reference);
        Notice = text["Passkeys.Removed"];
        return RedirectToPage();
    });

    private static string? CleanName(string? name) => PasskeyCeremonies.CleanName(name);

    private PageResult Refuse(string message)
    {
        ErrorMessage = message;
        return Page();
    }

    private async Task<IActionResult> ChangeAsync(Func<SignedInSession, IdentityHubUser, Task<IActionResult>> change, Func<string, IActionResult>? stepUp = null)
    {
        if (await LoadAsync() is { } leave)
        {
            return leave;
        }

        var session = (await SignedInSession.ReadAsync(HttpContext))!;
        if (await fresh.RequireAsync(HttpContext, session, Self) is { } next)
        {
            // Prove a second factor first; the page comes back and the user repeats the change.
            return stepUp?.Invoke(next) ?? LocalRedirect(next);
        }

        var user = await users.FindByIdAsync(session.UserId);
        return user is null ? Challenge() : await change(session, user);
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var session = await SignedInSession.ReadAsync(HttpContext);
        var user = session is null ? null : await users.FindByIdAsync(session.UserId);
        if (session is null || user is null)
        {
            return Challenge();
        }

        IsFresh = fresh.IsFresh(session);
        Passkeys = await passkeys.ListAsync(user);
        return null;
    }
}
