using System.Text.Json;
using System.Text.Json.Serialization;

namespace IdentityHub.Samples.MemberApp.Smart;

/// <summary>
/// The parts of the SMART configuration (<c>/.well-known/smart-configuration</c>, SMART App Launch 2 §2.1) this app
/// uses. Step 1 of the launch: the app learns IdentityHub's endpoints from it rather than from its own settings.
/// </summary>
public sealed record SmartConfiguration
{
    [JsonPropertyName("issuer")]
    public string? Issuer { get; init; }

    [JsonPropertyName("authorization_endpoint")]
    public string? AuthorizationEndpoint { get; init; }

    [JsonPropertyName("token_endpoint")]
    public string? TokenEndpoint { get; init; }

    [JsonPropertyName("capabilities")]
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    [JsonPropertyName("code_challenge_methods_supported")]
    public IReadOnlyList<string> CodeChallengeMethodsSupported { get; init; } = [];

    [JsonPropertyName("scopes_supported")]
    public IReadOnlyList<string> ScopesSupported { get; init; } = [];
}

/// <summary>Reads IdentityHub's SMART configuration and checks it offers what a standalone patient launch needs.</summary>
public sealed class SmartDiscovery(IHttpClientFactory clients, MemberAppSettings settings)
{
    public const string HttpClientName = "identityhub";

    public Uri Address => new(settings.Issuer.TrimEnd('/') + "/.well-known/smart-configuration");

    /// <summary>The configuration, or a sentence saying why it cannot be used.</summary>
    public async Task<(SmartConfiguration? Configuration, string? Problem)> ReadAsync(CancellationToken cancellationToken)
    {
        SmartConfiguration? configuration;
        try
        {
            using var response = await clients.CreateClient(HttpClientName).GetAsync(Address, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"IdentityHub answered {(int)response.StatusCode} at {Address}.");
            }

            configuration = await response.Content.ReadFromJsonAsync<SmartConfiguration>(cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            return (null, $"IdentityHub could not be reached at {Address}: {exception.Message}");
        }
        catch (JsonException)
        {
            return (null, $"{Address} did not answer with a SMART configuration.");
        }

        if (configuration is null || !IsUrl(configuration.AuthorizationEndpoint) || !IsUrl(configuration.TokenEndpoint))
        {
            return (null, $"The SMART configuration at {Address} has no authorization or token endpoint.");
        }

        // A public client must use PKCE with S256 (SMART App Launch 2 requires it of servers and apps alike).
        if (!configuration.CodeChallengeMethodsSupported.Contains("S256"))
        {
            return (null, "IdentityHub does not list S256 in code_challenge_methods_supported, so PKCE cannot be used.");
        }

        if (configuration.Capabilities.Count > 0 && !configuration.Capabilities.Contains("launch-standalone"))
        {
            return (null, "IdentityHub does not list the launch-standalone capability.");
        }

        return (configuration, null);
    }

    private static bool IsUrl(string? value) => Uri.TryCreate(value, UriKind.Absolute, out _);
}
