using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace IdentityHub.Delivery.Twilio;

/// <summary>Posts a form to a resource of Twilio's 2010-04-01 account API and reads the answer.</summary>
internal sealed class TwilioApi(IHttpClientFactory httpClients, ChannelOptions options)
{
    /// <summary>The named <see cref="HttpClient"/> the Twilio channels use.</summary>
    public const string HttpClientName = "IdentityHub.Delivery.Twilio";

    public async Task<ChannelResult> PostAsync(string resource, IReadOnlyDictionary<string, string> form, CancellationToken cancellationToken)
    {
        var sid = Uri.EscapeDataString(options.AccountSid!);
        var uri = new Uri($"{options.BaseUrl.AbsoluteUri.TrimEnd('/')}/2010-04-01/Accounts/{sid}/{resource}");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new FormUrlEncodedContent(form) };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.AccountSid}:{options.AuthToken}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);

        try
        {
            var http = httpClients.CreateClient(HttpClientName);
            using var response = await http.SendAsync(request, cancellationToken);
            var json = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new ChannelResult.Delivered(ReadString(json, "sid"));
            }

            return HttpFailures.FromStatus(response.StatusCode, Describe(response.StatusCode, json));
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return HttpFailures.FromException(e);
        }
    }

    private static string Describe(HttpStatusCode status, string json)
    {
        var code = ReadString(json, "code");
        var message = ReadString(json, "message");
        var reason = new StringBuilder($"Twilio answered {(int)status}");
        if (code is not null)
        {
            reason.Append($" (code {code})");
        }

        if (message is not null)
        {
            // Twilio's message may quote the number it refused ("The 'To' number +1… is not valid"): masked, as
            // the reason is audited and logged.
            reason.Append($": {Telemetry.Redaction.Scrub(message)}");
        }

        return reason.ToString();
    }

    private static string? ReadString(string json, string property)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(property, out var value)
                && value.ValueKind is JsonValueKind.String or JsonValueKind.Number
                    ? value.ToString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
