using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace IdentityHub.Server.Tests.Infrastructure;

/// <summary>What a portal's back end does with the token, introspection and revocation endpoints.</summary>
public sealed class TokenClient(HttpClient http, string clientId = TestClients.Portal, string? secret = null)
{
    private readonly string? _secret = secret ?? (clientId == TestClients.Portal ? TestClients.PortalSecret : null);

    public static TokenClient For(IdentityHubApp app, string clientId = TestClients.Portal, string? secret = null) =>
        new(app.CreateClient(), clientId, secret);

    public Task<TokenResponse> RedeemAsync(AuthorizationResult authorization, string? verifier = null) =>
        PostAsync("/connect/token", new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = authorization.Code,
            ["redirect_uri"] = authorization.Request.RedirectUri,
            ["code_verifier"] = verifier ?? authorization.Request.CodeVerifier,
        });

    public Task<TokenResponse> RefreshAsync(string refreshToken) =>
        PostAsync("/connect/token", new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken });

    public Task<TokenResponse> ClientCredentialsAsync(string scope) =>
        PostAsync("/connect/token", new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = scope });

    public async Task<JsonElement> IntrospectAsync(string token)
    {
        var response = await PostAsync("/connect/introspect", new Dictionary<string, string> { ["token"] = token });
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Json;
    }

    public Task<TokenResponse> RevokeAsync(string token) =>
        PostAsync("/connect/revoke", new Dictionary<string, string> { ["token"] = token });

    public async Task<TokenResponse> PostAsync(string path, Dictionary<string, string> form)
    {
        form["client_id"] = clientId;
        if (_secret is not null)
        {
            form["client_secret"] = _secret;
        }

        var response = await http.PostAsync(path, new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        var json = body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
        return new TokenResponse(response.StatusCode, json, body);
    }
}

public sealed record TokenResponse(HttpStatusCode Status, JsonElement Json, string Body)
{
    public string AccessToken => Get("access_token");
    public string IdToken => Get("id_token");
    public string RefreshToken => Get("refresh_token");
    public string? Error => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("error", out var error) ? error.GetString() : null;

    public JsonWebToken ReadIdToken() => new(IdToken);
    public JsonWebToken ReadAccessToken() => new(AccessToken);

    public TokenResponse EnsureSuccess()
    {
        Assert.True(Status == HttpStatusCode.OK, $"Token endpoint answered {(int)Status}: {Body}");
        return this;
    }

    private string Get(string name) =>
        Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty(name, out var value) ? value.GetString()!
            : throw new Xunit.Sdk.XunitException($"No {name} in: {Body}");
}

public static class BearerExtensions
{
    public static HttpRequestMessage WithBearer(this HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    public static string Base64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
}
