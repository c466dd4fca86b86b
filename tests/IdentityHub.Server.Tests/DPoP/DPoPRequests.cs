using System.Net.Http.Headers;
using System.Text.Json;
using IdentityHub.DPoP;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.DPoP;

/// <summary>A client's token and userinfo requests with a <c>DPoP</c> header.</summary>
public sealed class DPoPRequests(IdentityHubApp app, string clientId = TestClients.Portal, string? secret = null)
{
    public const string TokenUri = "https://localhost/connect/token";
    public const string UserInfoUri = "https://localhost/connect/userinfo";

    private readonly string? _secret = secret ?? (clientId == TestClients.Portal ? TestClients.PortalSecret : null);

    public string? LastNonce { get; private set; }

    public Task<TokenResponse> RedeemAsync(AuthorizationResult authorization, string? proof) =>
        TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = authorization.Code,
            ["redirect_uri"] = authorization.Request.RedirectUri,
            ["code_verifier"] = authorization.Request.CodeVerifier,
        }, proof);

    public Task<TokenResponse> RefreshAsync(string refreshToken, string? proof) =>
        TokenAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }, proof);

    public Task<TokenResponse> ClientCredentialsAsync(string? proof) =>
        TokenAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = TestClients.ApiScope }, proof);

    public async Task<TokenResponse> TokenAsync(Dictionary<string, string> form, string? proof)
    {
        form["client_id"] = clientId;
        if (_secret is not null)
        {
            form["client_secret"] = _secret;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token") { Content = new FormUrlEncodedContent(form) };
        if (proof is not null)
        {
            request.Headers.Add(DPoPErrors.ProofHeader, proof);
        }

        return await SendAsync(request);
    }

    public async Task<(TokenResponse Response, HttpResponseHeaders Headers)> UserInfoAsync(string scheme, string accessToken, string? proof)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue(scheme, accessToken);
        if (proof is not null)
        {
            request.Headers.Add(DPoPErrors.ProofHeader, proof);
        }

        using var http = app.CreateClient();
        using var response = await http.SendAsync(request);
        return (await ReadAsync(response), response.Headers);
    }

    private async Task<TokenResponse> SendAsync(HttpRequestMessage request)
    {
        using var http = app.CreateClient();
        using var response = await http.SendAsync(request);
        LastNonce = response.Headers.TryGetValues(DPoPErrors.NonceHeader, out var values) ? values.Single() : null;
        return await ReadAsync(response);
    }

    private static async Task<TokenResponse> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var json = body.StartsWith('{') ? JsonDocument.Parse(body).RootElement.Clone() : default;
        return new TokenResponse(response.StatusCode, json, body);
    }
}
