using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace IdentityHub.Benchmarks.Load;

/// <summary>An operation went wrong: counted as an error, the first few messages are shown.</summary>
public sealed class OperationFailedException(string message) : Exception(message);

/// <summary>The server answered 503 with Retry-After: it refused the request at once because it is busy (not an error).</summary>
public sealed class ServerBusyException(string message) : Exception(message);

public sealed record TokenSet(string AccessToken, string? RefreshToken, string? IdToken);

/// <summary>A PKCE pair (S256), state and nonce for one authorization request.</summary>
public sealed record AuthorizationRequest(string Scope, string? LoginHint = null, string? Prompt = null)
{
    public string Verifier { get; } = Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(32));
    public string State { get; } = RandomNumberGenerator.GetHexString(16);
    public string Nonce { get; } = RandomNumberGenerator.GetHexString(16);
    public string Challenge => Base64UrlTextEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(Verifier)));

    public string Url(Target target)
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = target.Clients.Portal,
            ["redirect_uri"] = Target.RedirectUri,
            ["response_type"] = "code",
            ["scope"] = Scope,
            ["state"] = State,
            ["nonce"] = Nonce,
            ["code_challenge"] = Challenge,
            ["code_challenge_method"] = "S256",
        };
        if (LoginHint is not null)
        {
            query["login_hint"] = LoginHint;
        }

        if (Prompt is not null)
        {
            query["prompt"] = Prompt;
        }

        return QueryHelpers.AddQueryString(target.Paths.Authorize, query);
    }
}

/// <summary>What a portal and its back end do: the protocol requests of the scenarios.</summary>
public static class OAuthFlows
{
    public static Task<TokenSet> ClientCredentialsAsync(HttpSession session, CancellationToken cancellationToken) =>
        TokenAsync(session, session.Target.Clients.Service, new()
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = session.Target.Clients.ApiScope,
        }, cancellationToken);

    public static Task<TokenSet> RefreshAsync(HttpSession session, string refreshToken, CancellationToken cancellationToken) =>
        TokenAsync(session, session.Target.Clients.Portal, new()
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
        }, cancellationToken);

    public static Task<TokenSet> RedeemAsync(HttpSession session, string code, AuthorizationRequest request, CancellationToken cancellationToken) =>
        TokenAsync(session, session.Target.Clients.Portal, new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = Target.RedirectUri,
            ["code_verifier"] = request.Verifier,
        }, cancellationToken);

    /// <summary>
    /// Sends the browser to the authorization endpoint and follows the server's own redirects until it
    /// sends the browser back to the portal with a code. Fails when it asks for a sign-in instead.
    /// </summary>
    public static async Task<string> AuthorizeAsync(HttpSession session, AuthorizationRequest request, CancellationToken cancellationToken)
    {
        var next = request.Url(session.Target);
        for (var hop = 0; hop < 8; hop++)
        {
            using var response = await session.GetAsync(next, cancellationToken);
            var location = HttpSession.RedirectTarget(response)
                ?? throw new OperationFailedException($"authorize: {(int)response.StatusCode} instead of a redirect");
            if (location.StartsWith(Target.RedirectUri, StringComparison.Ordinal))
            {
                var parameters = QueryHelpers.ParseQuery(new Uri(location).Query);
                if (parameters.TryGetValue("error", out var error))
                {
                    throw new OperationFailedException($"authorize: error {error} {parameters.GetValueOrDefault("error_description")}");
                }

                if (parameters["state"] != request.State)
                {
                    throw new OperationFailedException("authorize: state mismatch");
                }

                return parameters["code"].ToString();
            }

            next = session.PathOnServer(location) ?? throw new OperationFailedException($"authorize: redirected away to {location}");
            if (next.Contains("/login", StringComparison.OrdinalIgnoreCase) && !next.StartsWith("/interaction", StringComparison.Ordinal))
            {
                throw new OperationFailedException("authorize: the session is gone (sent to the sign-in page)");
            }
        }

        throw new OperationFailedException("authorize: too many redirects");
    }

    /// <summary>The SSO round trip: authorize with the session cookie, then redeem the code with PKCE.</summary>
    public static async Task<TokenSet> CodeFlowAsync(HttpSession session, string scope, CancellationToken cancellationToken, string? prompt = null)
    {
        var request = new AuthorizationRequest(scope, Prompt: prompt);
        var code = await AuthorizeAsync(session, request, cancellationToken);
        return await RedeemAsync(session, code, request, cancellationToken);
    }

    public static async Task UserInfoAsync(HttpSession session, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, session.Target.Paths.UserInfo);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await session.Target.Http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        ThrowIfBusy(response, "userinfo");
        if (response.StatusCode != HttpStatusCode.OK || !body.Contains("\"sub\"", StringComparison.Ordinal))
        {
            throw new OperationFailedException($"userinfo: {(int)response.StatusCode} {Shorten(body)}");
        }
    }

    public static async Task IntrospectAsync(HttpSession session, string token, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["token"] = token,
            ["client_id"] = session.Target.Clients.Portal,
            ["client_secret"] = session.Target.Secret,
        };
        using var response = await session.Target.Http.PostAsync(session.Target.Paths.Introspection, new FormUrlEncodedContent(form), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        ThrowIfBusy(response, "introspection");
        if (response.StatusCode != HttpStatusCode.OK || !IsActive(body))
        {
            throw new OperationFailedException($"introspection: {(int)response.StatusCode} {Shorten(body)}");
        }
    }

    private static async Task<TokenSet> TokenAsync(HttpSession session, string clientId, Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        form["client_id"] = clientId;
        form["client_secret"] = session.Target.Secret;
        using var response = await session.Target.Http.PostAsync(session.Target.Paths.Token, new FormUrlEncodedContent(form), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        ThrowIfBusy(response, $"token ({form["grant_type"]})");

        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new OperationFailedException($"token ({form["grant_type"]}): {(int)response.StatusCode} {Shorten(body)}");
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return new TokenSet(
            root.GetProperty("access_token").GetString()!,
            root.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null,
            root.TryGetProperty("id_token", out var id) ? id.GetString() : null);
    }

    /// <summary>503 with Retry-After: the overload limits refused the request at once (counted as refused, not as an error).</summary>
    private static void ThrowIfBusy(HttpResponseMessage response, string what)
    {
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null)
        {
            throw new ServerBusyException($"{what}: busy, retry after {response.Headers.RetryAfter}");
        }
    }

    private static bool IsActive(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("active", out var active) && active.ValueKind == JsonValueKind.True;
    }

    public static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
