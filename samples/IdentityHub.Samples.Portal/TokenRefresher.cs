using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace IdentityHub.Samples.Portal;

/// <summary>The outcome of a refresh, as one line to show the user.</summary>
public sealed record RefreshOutcome(bool Succeeded, string Message);

/// <summary>
/// Redeems the refresh token saved at sign-in for new tokens, and stores them back into the
/// portal's cookie. IdentityHub issues a new refresh token each time, so the old one is used up.
/// </summary>
public sealed class TokenRefresher(IOptionsMonitor<OpenIdConnectOptions> oidcOptions, PortalSettings portal, TimeProvider time)
{
    private const string TimeFormat = "HH:mm:ss 'UTC'";

    public async Task<RefreshOutcome> RefreshAsync(HttpContext http)
    {
        var session = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (!session.Succeeded)
        {
            return new(false, "You are not signed in.");
        }

        var refreshToken = session.Properties.GetTokenValue(OpenIdConnectParameterNames.RefreshToken);
        if (string.IsNullOrEmpty(refreshToken))
        {
            return new(false, "No refresh token was saved at sign-in. Ask for the offline_access scope.");
        }

        var oidc = oidcOptions.Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = await oidc.ConfigurationManager!.GetConfigurationAsync(http.RequestAborted);

        var form = new Dictionary<string, string>
        {
            [OpenIdConnectParameterNames.GrantType] = OpenIdConnectGrantTypes.RefreshToken,
            [OpenIdConnectParameterNames.RefreshToken] = refreshToken,
            [OpenIdConnectParameterNames.ClientId] = portal.ClientId,
        };
        if (!string.IsNullOrEmpty(portal.ClientSecret))
        {
            form[OpenIdConnectParameterNames.ClientSecret] = portal.ClientSecret;
        }

        using var content = new FormUrlEncodedContent(form);
        using var response = await oidc.Backchannel.PostAsync(new Uri(configuration.TokenEndpoint), content, http.RequestAborted);
        var body = await response.Content.ReadAsStringAsync(http.RequestAborted);
        if (!body.TrimStart().StartsWith('{'))
        {
            return new(false, $"The token endpoint answered {(int)response.StatusCode} without a token response.");
        }

        var answer = new OpenIdConnectMessage(body);
        if (!response.IsSuccessStatusCode || !string.IsNullOrEmpty(answer.Error) || string.IsNullOrEmpty(answer.AccessToken))
        {
            var error = string.IsNullOrEmpty(answer.Error) ? $"HTTP {(int)response.StatusCode}" : answer.Error;
            return new(false, $"The tokens could not be refreshed: {error}. {answer.ErrorDescription}".TrimEnd());
        }

        var now = time.GetUtcNow();
        var tokens = session.Properties.GetTokens().ToDictionary(token => token.Name, token => token.Value, StringComparer.Ordinal);
        tokens[OpenIdConnectParameterNames.AccessToken] = answer.AccessToken;
        SetIfPresent(tokens, OpenIdConnectParameterNames.RefreshToken, answer.RefreshToken);
        SetIfPresent(tokens, OpenIdConnectParameterNames.IdToken, answer.IdToken);

        DateTimeOffset? expiresAt = int.TryParse(answer.ExpiresIn, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? now.AddSeconds(seconds)
            : null;
        if (expiresAt is not null)
        {
            tokens["expires_at"] = expiresAt.Value.ToString("o", CultureInfo.InvariantCulture);
        }

        session.Properties.StoreTokens(tokens.Select(pair => new AuthenticationToken { Name = pair.Key, Value = pair.Value }));
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, session.Principal, session.Properties);

        var expiry = expiresAt?.ToString(TimeFormat, CultureInfo.InvariantCulture) ?? "an unknown time";
        return new(true, $"Tokens refreshed at {now.ToString(TimeFormat, CultureInfo.InvariantCulture)}; access token expires at {expiry}");
    }

    private static void SetIfPresent(Dictionary<string, string> tokens, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            tokens[name] = value;
        }
    }
}
