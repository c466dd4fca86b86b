using System.Net.Http.Headers;
using System.Text.Json;

namespace IdentityHub.Samples.Portal;

/// <summary>Calls the sample API's <c>/api/whoami</c> with the user's access token.</summary>
public sealed class PortalApi(IHttpClientFactory clients)
{
    public const string HttpClientName = "portal-api";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The API's JSON, indented; or a line naming the HTTP status when it refuses.</summary>
    public async Task<string> WhoAmIAsync(string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/whoami", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);

        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            return "The API could not be reached: " + exception.Message;
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var challenge = response.Headers.WwwAuthenticate.ToString();
                return $"API answered {(int)response.StatusCode} {response.ReasonPhrase}" + (challenge.Length > 0 ? $" ({challenge})" : "");
            }

            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return JsonSerializer.Serialize(json.RootElement, Indented);
        }
    }
}
