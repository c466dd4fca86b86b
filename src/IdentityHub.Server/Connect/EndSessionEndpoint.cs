using IdentityHub.Server.Sessions;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;

namespace IdentityHub.Server.Connect;

/// <summary>
/// RP-initiated logout. OpenIddict has validated id_token_hint and post_logout_redirect_uri. A signed-in
/// user confirms on the sign-out page first (which ends the session and comes back here); once no one
/// is signed in, the browser returns to the portal.
/// </summary>
internal static class EndSessionEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http)
    {
        if (await SignedInSession.ReadAsync(http) is not null)
        {
            return Results.Redirect("/account/signout?returnUrl=" + Uri.EscapeDataString(ConnectRequests.AsLocalUrl(http.Request)));
        }

        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/account/signed-out" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
