using System.Text;
using System.Text.Json;

namespace IdentityHub.Delivery.Webhook;

/// <summary>
/// Posts each message as signed JSON to a URL of yours, e.g. an in-house SMS gateway:
/// <c>{"kind":"sms","to":"+16505550100","subject":null,"body":"…","reference":"…"}</c>.
/// Any 2xx means delivered; 408, 429 and 5xx are transient; other statuses are permanent.
/// </summary>
public sealed class WebhookChannel : IDeliveryChannel
{
    /// <summary>The named <see cref="HttpClient"/> webhook channels use.</summary>
    public const string HttpClientName = "IdentityHub.Delivery.Webhook";

    private readonly Uri _url;
    private readonly string _secret;
    private readonly IHttpClientFactory _httpClients;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the channel from one validated <c>Webhook</c> entry.</summary>
    public WebhookChannel(string name, DeliveryKind kind, ChannelOptions options, IHttpClientFactory httpClients, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        Kind = kind;
        _url = options.Url!;
        _secret = options.Secret!;
        _httpClients = httpClients;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public DeliveryKind Kind { get; }

    /// <inheritdoc />
    public bool CanDeliverTo(string address) => AddressFormats.Fits(Kind, address);

    /// <inheritdoc />
    public async Task<ChannelResult> DeliverAsync(DeliveryMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = JsonSerializer.Serialize(WebhookPayload.From(message), WebhookPayload.JsonOptions);
        var timestamp = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, _url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(_secret, timestamp, body));

        try
        {
            using var response = await _httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode
                ? new ChannelResult.Delivered(null)
                : HttpFailures.FromStatus(response.StatusCode, $"Webhook answered {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return HttpFailures.FromException(e);
        }
    }
}
