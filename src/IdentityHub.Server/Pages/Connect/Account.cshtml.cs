using IdentityHub.Data.Users;
using IdentityHub.Server.Audit;
using IdentityHub.Server.SignIn;
using IdentityHub.Server.Texts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using OpenIddict.Abstractions;

namespace IdentityHub.Server.Pages.Connect;

/// <summary>
/// <c>prompt=select_account</c> at a portal without security profiles (OIDC Core 3.1.2.1): the person signed in either
/// continues with this account or signs out and signs in with another; either way the authorization request resumes.
/// </summary>
public sealed class AccountModel(
    IOpenIddictApplicationManager applications,
    UserManager<IdentityHubUser> users,
    SignInManager<IdentityHubUser> signIn,
    AuditLog audit,
    IStringLocalizer<SignInText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string PortalName { get; private set; } = "";

    public string PersonName { get; private set; } = "";

    public string UserName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync(string? choice)
    {
        if (await LoadAsync() is { } leave)
        {
            return leave;
        }

        if (choice != "other")
        {
            return LocalRedirect(ReturnUrl!);
        }

        var session = (await Sessions.SignedInSession.ReadAsync(HttpContext))!;
        await audit.RecordAsync("sign_out", "succeeded", session.UserId, ReturnUrls.AuthorizationParameter(ReturnUrl, "client_id"), "this browser, to use another account");
        await signIn.SignOutAsync();
        return LocalRedirect("/account/login?ReturnUrl=" + Uri.EscapeDataString(ReturnUrl!));
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (await PortalRequest.ReadAsync(HttpContext, ReturnUrl, applications) is not { } portal)
        {
            return BadRequest(text["Consent.NotFromSignIn"].Value);
        }

        // Signed out meanwhile: the authorization request sends the browser to the sign-in page.
        if (portal.Session is not { } session || await users.FindByIdAsync(session.UserId) is not { } user)
        {
            return LocalRedirect(ReturnUrl!);
        }

        PortalName = portal.PortalName;
        UserName = user.UserName ?? "";
        PersonName = $"{user.GivenName} {user.FamilyName}".Trim() is { Length: > 0 } name ? name : UserName;
        return null;
    }
}
