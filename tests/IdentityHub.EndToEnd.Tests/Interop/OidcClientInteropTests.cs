using Duende.IdentityModel;
using Duende.IdentityModel.Client;
using Duende.IdentityModel.OidcClient;
using IdentityHub.Testing;

namespace IdentityHub.EndToEnd.Tests.Interop;

/// <summary>
/// Duende.IdentityModel.OidcClient, a certified client library for native apps, against IdentityHub in its own
/// process (P6-P9): a client it registered dynamically signs in with code + PKCE (pushed, since discovery offers
/// PAR), authenticates with <c>private_key_jwt</c>, refreshes, reads userinfo, and signs out through the
/// end-session URL, after which its refresh token is refused. The browser step is Chromium. OidcClient 7.1 has no
/// DPoP without its Extensions package; openid-client covers DPoP (<see cref="OpenIdClientInteropTests"/>).
/// </summary>
[Collection(InteropLandscapeCollection.Name)]
public sealed class OidcClientInteropTests(InteropLandscape landscape, BrowserSession browser)
{
    [BrowserFact]
    public async Task OidcClient_signs_in_with_PAR_and_private_key_jwt_refreshes_and_signs_out()
    {
        await landscape.DemoUserEnrolledAsync(browser);
        var app = new Uri($"http://localhost:{FreeTcpPort.Next()}/oidcclient/");
        var (callback, signedOut) = (new Uri(app, "callback"), new Uri(app, "signed-out"));
        using var registration = await DynamicRegistration.RegisterAsync(landscape.Server, await landscape.IssueInitialAccessTokenAsync(), callback, signedOut);
        var client = new OidcClient(new OidcClientOptions
        {
            Authority = landscape.Server.ToString(),
            ClientId = registration.ClientId,
            RedirectUri = callback.ToString(),
            PostLogoutRedirectUri = signedOut.ToString(),
            Scope = "openid profile email offline_access",
            GetClientAssertionAsync = () => Task.FromResult(new ClientAssertion
            {
                Type = OidcConstants.ClientAssertionTypes.JwtBearer,
                Value = registration.NewAssertion(),
            }),
            IdentityTokenValidator = new SignedIdentityTokens(),
            BackchannelTimeout = TimeSpan.FromSeconds(60),
        });

        var state = await client.PrepareLoginAsync();
        Assert.False(state.IsError, $"{state.Error}: {state.ErrorDescription}");
        Assert.Contains("request_uri=", state.StartUrl, StringComparison.Ordinal);
        Assert.DoesNotContain("code_challenge", state.StartUrl, StringComparison.Ordinal);
        var page = await browser.NewPageAsync();
        var returned = await BrowserRedirects.SignInAsync(page, landscape, state.StartUrl, callback);
        var signedIn = await client.ProcessResponseAsync(returned.ToString(), state);

        Assert.False(signedIn.IsError, $"{signedIn.Error}: {signedIn.ErrorDescription}");
        Assert.Matches("^[0-9a-f]{32}$", signedIn.User.FindFirst("sub")?.Value);
        Assert.Equal("Dana Demo", signedIn.User.FindFirst("name")?.Value);
        Assert.Contains("@", signedIn.User.FindFirst("email")?.Value, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(signedIn.RefreshToken));

        var refreshed = await client.RefreshTokenAsync(signedIn.RefreshToken);
        Assert.False(refreshed.IsError, $"{refreshed.Error}: {refreshed.ErrorDescription}");
        Assert.NotEqual(signedIn.AccessToken, refreshed.AccessToken);
        var userInfo = await client.GetUserInfoAsync(refreshed.AccessToken);
        Assert.False(userInfo.IsError, userInfo.Error);
        Assert.Equal(signedIn.User.FindFirst("sub")?.Value, userInfo.Claims.Single(claim => claim.Type == "sub").Value);

        var logout = await client.PrepareLogoutAsync(new LogoutRequest { IdTokenHint = signedIn.IdentityToken });
        var afterLogout = await BrowserRedirects.SignOutAsync(page, logout, signedOut);
        Assert.Equal(signedOut.AbsolutePath, afterLogout.AbsolutePath);
        // The sign-out ended the session this refresh token belongs to.
        var refused = await client.RefreshTokenAsync(refreshed.RefreshToken);
        Assert.True(refused.IsError);
        Assert.Equal("invalid_grant", refused.Error);
    }
}
