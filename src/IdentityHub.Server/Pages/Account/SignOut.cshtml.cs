using IdentityHub.Data.Users;
using IdentityHub.Server.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityHub.Server.Pages.Account;

/// <summary>
/// Confirms sign-out. Reached directly or from the end-session endpoint, to which it returns so that
/// the portal gets its post-logout redirect.
/// </summary>
public sealed class SignOutModel(SignInManager<IdentityHubUser> signIn) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect(ReturnUrls.IsRequestTo(ReturnUrl, ReturnUrls.EndSessionPath) ? ReturnUrl! : "/account/signed-out");
    }
}
