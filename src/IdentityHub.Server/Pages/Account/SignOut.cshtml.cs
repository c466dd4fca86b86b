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
/// portal that asked for it. When portals of the session asked for front-channel logout, the answer is a signed-out
/// page that loads their logout URIs in hidden frames, then moves on by itself.
/// </summary>
public sealed class SignOutModel(SignInManager<IdentityHubUser> signIn, AuditLog audit, IOpenIddictApplicationManager applications, Logout.FrontChannelLogout frontChannel) : PageModel
{
    /// <summary>How long the signed-out page gives the portals' frames before it moves on.</summary>
    private const int FrameSeconds = 3;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The portals' front-channel logout URIs, once signed out (empty: straight on).</summary>
    public IReadOnlyList<Uri> Frames { get; private set; } = [];

    /// <summary>Where the signed-out page goes next.</summary>
    public string ContinueUrl { get; private set; } = "/account/signed-out";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var portalAsked = ReturnUrls.IsRequestTo(ReturnUrl, ReturnUrls.EndSessionPath);
        IReadOnlyList<Uri> frames = [];
        if (await SignedInSession.ReadAsync(HttpContext) is { } session)
        {
            var clientId = portalAsked ? await RequestingClientAsync() : null;
            await audit.RecordAsync("sign_out", "succeeded", session.UserId, clientId,
                portalAsked ? "this browser, at the portal's request" : "this browser");
            frames = await frontChannel.FramesForAsync(HttpContext, session.SessionId);
        }

        await signIn.SignOutAsync();
        ContinueUrl = portalAsked ? ReturnUrl! : "/account/signed-out";
        if (frames.Count == 0)
        {
            return LocalRedirect(ContinueUrl);
        }

        Frames = frames;
        Logout.FrontChannelLogout.AllowFrames(HttpContext, frames);
        Response.Headers["Refresh"] = $"{FrameSeconds}; url={ContinueUrl}";
        return Page();
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
