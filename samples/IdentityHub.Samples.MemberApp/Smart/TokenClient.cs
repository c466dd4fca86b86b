using System.Text.Json;

namespace IdentityHub.Samples.MemberApp.Smart;

/// <summary>
/// Calls IdentityHub's token endpoint: the code exchange at the end of the launch (with the PKCE verifier) and the
/// refresh. The app is a public client, so it sends its <c>client_id</c> and no secret.
/// </summary>
public sealed class TokenClient(IHttpClientFactory clients, MemberAppSettings settings)
{
    public Task<(TokenResponse? Tokens, string? Problem)> ExchangeCodeAsync(
        string tokenEndpoint, string code, string codeVerifier, CancellationToken cancellationToken) =>
        PostAsync(tokenEndpoint, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = settings.RedirectUri,
            ["client_id"] = settings.ClientId,
            ["code_verifier"] = codeVerifier,
        }, cancellationToken);

    public Task<(TokenResponse? Tokens, string? Problem)> RefreshAsync(
        string tokenEndpoint, string refreshToken, CancellationToken cancellationToken) =>
        PostAsync(tokenEndpoint, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = settings.ClientId,
        }, cancellationToken);

    private async Task<(TokenResponse? Tokens, string? Problem)> PostAsync(
        string tokenEndpoint, Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new FormUrlEncodedContent(form);
            using var response = await clients.CreateClient(SmartDiscovery.HttpClientName)
                .PostAsync(new Uri(tokenEndpoint), content, cancellationToken);
            var tokens = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
            if (tokens is null || !string.IsNullOrEmpty(tokens.Error) || string.IsNullOrEmpty(tokens.AccessToken))
            {
                var error = tokens?.Error ?? $"HTTP {(int)response.StatusCode}";
                return (null, $"IdentityHub refused: {error}. {tokens?.ErrorDescription}".TrimEnd());
            }

            return (tokens, null);
        }
        catch (HttpRequestException exception)
        {
            return (null, "IdentityHub could not be reached: " + exception.Message);
        }
        catch (JsonException)
        {
            return (null, "IdentityHub's token endpoint did not answer with JSON.");
        }
    }
}
