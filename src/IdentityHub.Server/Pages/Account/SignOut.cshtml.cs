using IdentityHub.Data.Users;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Sessions;
using IdentityHub.Server.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;

namespace IdentityHub.Server.Pages.Account;

/// <summary>
/// Confirms sign-out. Reached directly or from the end-session endpoint, to which it returns so that
/// the portal gets its post-logout redirect. Each sign-out is audited (<c>sign_out</c>, D9), naming the
/// portal that asked for it.
/// </summary>
public sealed class SignOutModel(SignInManager<IdentityHubUser> signIn, AuditLog audit, IOpenIddictApplicationManager applications) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var portalAsked = ReturnUrls.IsRequestTo(ReturnUrl, ReturnUrls.EndSessionPath);
        if (await SignedInSession.ReadAsync(HttpContext) is { } session)
        {
            var clientId = portalAsked ? await RequestingClientAsync() : null;
            await audit.RecordAsync("sign_out", "succeeded", session.UserId, clientId,
                portalAsked ? "this browser, at the portal's request" : "this browser");
        }

        await signIn.SignOutAsync();
        return LocalRedirect(portalAsked ? ReturnUrl! : "/account/signed-out");
    }

    /// <summary>
    /// The registered client the end-session request names: its client_id, else the audience of its id_token_hint
    /// (which the end-session endpoint validated before sending the browser here); null when neither is a client.
    /// </summary>
    private async Task<string?> RequestingClientAsync()
    {
        var named = ReturnUrls.EndSessionParameter(ReturnUrl, "client_id");
        if (named is null && ReturnUrls.EndSessionParameter(ReturnUrl, "id_token_hint") is { } hint)
        {
            named = AudienceOf(hint);
        }

        return named is { Length: > 0 and <= 100 } && await applications.FindByClientIdAsync(named, HttpContext.RequestAborted) is not null ? named : null;
    }

    private static string? AudienceOf(string token)
    {
        var handler = new JsonWebTokenHandler();
        try
        {
            return handler.CanReadToken(token) ? handler.ReadJsonWebToken(token).Audiences.FirstOrDefault() : null;
        }
        catch (ArgumentException)
        {
            return null; // not a token at all (SecurityTokenMalformedException)
        }
    }
}
