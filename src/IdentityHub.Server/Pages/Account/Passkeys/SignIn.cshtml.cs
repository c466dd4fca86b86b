using IdentityHub.Data.Users;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.Passkeys;
using IdentityHub.Server.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using IdentityHub.Server.Texts;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Server.Pages.Account.Passkeys;

/// <summary>
/// Sign-in with a passkey alone (M13), where the portal allows it: a discoverable passkey with user
/// verification proves both "something you have" and "something you know or are". The sign-in then
/// runs the same checks as after a password.
/// </summary>
public sealed class SignInModel(
    PasskeyCeremonies passkeys,
    UserManager<IdentityHubUser> users,
    SignInManager<IdentityHubUser> signIn,
    ClientPolicies policies,
    SignInFlow flow,
    AuditLog audit,
    IStringLocalizer<MfaText> text) : PageModel
{
    private string NotAllowed => text["PasskeySignIn.NotAllowed"];

    private string CouldNotUse => text["PasskeyScript.Get"];

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? CredentialJson { get; set; }

    public string? ErrorMessage { get; private set; }

    public bool Allowed { get; private set; }

    public string SafeReturnUrl => ReturnUrls.LocalOrHome(ReturnUrl);

    [NonHandler] // otherwise a request with the method PAGE and ?handler=HandlerExecution selects it (a 500)
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        Allowed = (await policies.ForAsync(ClientPolicies.ClientIdFrom(ReturnUrl), HttpContext.RequestAborted)).AllowPasskeySignIn;
        await next();
    }

    public IActionResult OnGet() => Page();

    /// <summary>Request options for any passkey of this site (the browser lets the user pick one).</summary>
    public async Task<IActionResult> OnPostOptionsAsync()
    {
        if (!Allowed)
        {
            return StatusCode(StatusCodes.Status403Forbidden, new { error = NotAllowed });
        }

        return Content(await passkeys.RequestOptionsAsync(null), "application/json");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var clientId = ClientPolicies.ClientIdFrom(ReturnUrl);
        if (!Allowed)
        {
            ErrorMessage = NotAllowed;
            return Page();
        }

        var (passkey, detail) = await passkeys.VerifyAsync(CredentialJson);
        if (passkey is null)
        {
            await audit.RecordAsync("sign_in.passkey", "failed", userId: null, clientId, detail);
            ErrorMessage = CouldNotUse;
            return Page();
        }

        var user = passkey.User;
        if (await users.IsLockedOutAsync(user) || !await signIn.CanSignInAsync(user))
        {
            await audit.RecordAsync("sign_in.passkey", "not_allowed", user.Id, clientId);
            ErrorMessage = text["PasskeySignIn.CannotSignIn"];
            return Page();
        }

        var reference = await audit.RecordAsync("sign_in.passkey", "succeeded", user.Id, clientId, $"amr {passkey.Amr}");
        return LocalRedirect(await flow.StartAsync(HttpContext, user, [passkey.Amr], SafeReturnUrl, reference));
    }
}
