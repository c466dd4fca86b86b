using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using IdentityHub.Core.Members;
using IdentityHub.Delivery.Webhook;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace IdentityHub.Server.Members.Webhook;

/// <summary>
/// The plan's eligibility system as the roster (<c>IdentityHub:Members:Roster:Kind = Webhook</c>): each proof is
/// posted as JSON (<see cref="RosterRequest"/>), signed like the delivery webhooks (<see cref="WebhookSignature"/>:
/// a timestamp and an HMAC-SHA256 of it and the body, so the plan can refuse forgeries and replays), through the
/// retries, per-request timeout and circuit breaker of <see cref="RosterWebhookServices"/>. Every failure (no
/// answer in time, a refused connection, a non-2xx status, an unreadable or contradictory answer, an open circuit)
/// is <see cref="RosterAnswer.Unavailable"/>, never an exception. Logs carry the check's reference and the reason,
/// never the member id, birth date, name or ZIP.
/// </summary>
public sealed partial class WebhookRoster(
    IHttpClientFactory httpClients,
    IOptions<RosterOptions> options,
    TimeProvider time,
    RosterMetrics metrics,
    ILogger<WebhookRoster> logger) : IMemberRoster
{
    /// <summary>The named <see cref="HttpClient"/> with the resilience handler.</summary>
    public const string HttpClientName = "IdentityHub.Members.Roster";

    /// <summary>An answer is a few hundred bytes; anything far bigger is not one.</summary>
    public const int MaxAnswerBytes = 64 * 1024;

    public string Kind => RosterKinds.Webhook;

    public async Task<RosterAnswer> CheckAsync(MemberProof proof, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proof);
        var settings = options.Value.Webhook;
        var reference = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var body = RosterRequest.From(proof, reference).ToJson();
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(settings.Secret!, timestamp, body));

        var answer = await AskAsync(request, proof, settings, cancellationToken);
        metrics.Checked(answer);
        switch (answer)
        {
            case RosterAnswer.Unavailable unavailable:
                LogUnavailable(reference, unavailable.Reason);
                break;
            default:
                LogAnswered(reference, answer is RosterAnswer.Matched ? "matched" : "not matched");
                break;
        }

        return answer;
    }

    private async Task<RosterAnswer> AskAsync(HttpRequestMessage request, MemberProof proof, RosterWebhookOptions settings, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return new RosterAnswer.Unavailable(string.Create(CultureInfo.InvariantCulture, $"the eligibility system answered {(int)response.StatusCode}"));
            }

            return RosterReply.Read(await response.Content.ReadAsStringAsync(cancellationToken), proof);
        }
        catch (BrokenCircuitException)
        {
            return new RosterAnswer.Unavailable("the circuit is open after repeated failures: the eligibility system is not asked until the break ends");
        }
        catch (TimeoutRejectedException)
        {
            return new RosterAnswer.Unavailable($"no answer within {settings.Timeout}");
        }
        catch (HttpRequestException exception)
        {
            // The exception's message may name the address; the kind of failure is enough.
            return new RosterAnswer.Unavailable($"the request failed ({exception.HttpRequestError})");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new RosterAnswer.Unavailable($"no answer within {settings.Timeout}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The plan's eligibility system could not answer membership check {Reference}: {Reason}. The person is asked to try again later.")]
    private partial void LogUnavailable(string reference, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The plan's eligibility system answered membership check {Reference}: {Answer}.")]
    private partial void LogAnswered(string reference, string answer);
}
