using IdentityHub.Server.Connect;
using IdentityHub.Server.Sessions;
using IdentityHub.Server.Texts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Server.Pages.Account;

/// <summary>
/// Connected apps: the applications the person allowed to use their account, what each may do, and a button
/// that takes the permission back (its tokens stop working at once; the app asks again next time).
/// </summary>
[Authorize]
public sealed class AppsModel(ConnectedApps connected, IStringLocalizer<AccountText> text, IStringLocalizer<SignInText> scopes, IStringLocalizer<SmartText> smart) : PageModel
{
    public IReadOnlyList<ConnectedApp> Apps { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public string Describe(string scope) => ScopeWords.Describe(scope, scopes, smart);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await SignedInSession.ReadAsync(HttpContext) is not { } session)
        {
            return Challenge();
        }

        Apps = await connected.ListAsync(session.UserId, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostDisconnectAsync(string? authorizationId)
    {
        if (await SignedInSession.ReadAsync(HttpContext) is not { } session)
        {
            return Challenge();
        }

        var app = (await connected.ListAsync(session.UserId, HttpContext.RequestAborted)).FirstOrDefault(a => a.AuthorizationId == authorizationId);
        if (app is not null && await connected.DisconnectAsync(session.UserId, app.AuthorizationId, HttpContext.RequestAborted))
        {
            Notice = text["Apps.Disconnected", app.Name];
        }

        return RedirectToPage();
    }
}
