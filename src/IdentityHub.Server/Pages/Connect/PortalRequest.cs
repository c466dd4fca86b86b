using IdentityHub.Server.Sessions;
using IdentityHub.Server.SignIn;
using OpenIddict.Abstractions;

namespace IdentityHub.Server.Pages.Connect;

/// <summary>The portal and the signed-in session behind a page reached from an authorization request (its return address).</summary>
public sealed record PortalRequest(string ClientId, string PortalName, SignedInSession? Session)
{
    /// <summary>Null when the return address is not a local authorization request of a registered client.</summary>
    public static async Task<PortalRequest?> ReadAsync(HttpContext http, string? returnUrl, IOpenIddictApplicationManager applications)
    {
        var clientId = ReturnUrls.AuthorizationParameter(returnUrl, "client_id");
        var application = clientId is null || !ReturnUrls.IsLocal(returnUrl) ? null : await applications.FindByClientIdAsync(clientId, http.RequestAborted);
        if (application is null)
        {
            return null;
        }

        var name = await applications.GetLocalizedDisplayNameAsync(application, http.RequestAborted) ?? clientId!;
        return new PortalRequest(clientId!, name, await SignedInSession.ReadAsync(http));
    }
}
