using System.Net;
using IdentityHub.Data;
using IdentityHub.Data.Sessions;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Logout;

/// <summary>
/// Posts the logout tokens that are due (OpenID Connect Back-Channel Logout 1.0 §2.5). Any node may run it at any
/// time: each delivery is claimed with a conditional update of its attempt count, so two nodes (or two runs) never
/// post the same one at once, and a claim lapses if the node stops mid-post. A failed post is retried after
/// <c>Logout:RetryDelays</c>, then abandoned; every outcome is audited (<c>logout.delivered</c>,
/// <c>logout.failed</c>, <c>logout.abandoned</c>).
/// </summary>
public sealed partial class BackChannelLogouts(
    IdentityHubDbContext db,
    LogoutTokens tokens,
    IHttpClientFactory http,
    AuditLog audit,
    IOptionsMonitor<IdentityHubOptions> options,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<BackChannelLogouts> logger)
{
    public const string HttpClientName = "IdentityHub.BackChannelLogout";

    /// <summary>How many deliveries one run claims at most (the rest wait for the next run).</summary>
    private const int Batch = 50;

    private LogoutOptions Settings => options.CurrentValue.Logout;

    /// <summary>Sends every delivery that is due; returns how many were posted (whatever the outcome).</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var due = await db.LogoutDeliveries.AsNoTracking()
            .Where(d => d.NextAttemptAt <= now && d.DeliveredAt == null && d.AbandonedAt == null)
            .OrderBy(d => d.NextAttemptAt).Take(Batch).ToListAsync(cancellationToken);
        if (due.Count > 0 && tokens.Issuer is null)
        {
            LogIssuerUnknown(logger);
            return 0;
        }

        var claimed = new List<LogoutDelivery>();
        foreach (var delivery in due)
        {
            if (await ClaimAsync(delivery, now, cancellationToken))
            {
                delivery.Attempts++;
                claimed.Add(delivery);
            }
        }

        var results = await Task.WhenAll(claimed.Select(delivery => PostAsync(delivery, cancellationToken)));
        foreach (var (delivery, error) in claimed.Zip(results))
        {
            await RecordAsync(delivery, error, cancellationToken);
        }

        return claimed.Count;
    }

    /// <summary>Takes a delivery for this run: only one caller moves its attempt count on, and its next attempt past this one's end.</summary>
    private async Task<bool> ClaimAsync(LogoutDelivery delivery, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var seen = delivery.Attempts;
        var lease = now + Settings.Timeout + TimeSpan.FromMinutes(1);
        return await db.LogoutDeliveries
            .Where(d => d.Id == delivery.Id && d.Attempts == seen && d.NextAttemptAt <= now && d.DeliveredAt == null && d.AbandonedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.Attempts, seen + 1).SetProperty(d => d.NextAttemptAt, lease), cancellationToken) == 1;
    }

    /// <summary>Posts the token; null on 200 or 204, else the failure in words (never the token).</summary>
    private async Task<string?> PostAsync(LogoutDelivery delivery, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(delivery.Uri, UriKind.Absolute, out var uri) || !IsAllowed(uri))
        {
            return "the back-channel logout URI must use https (http only for this machine outside Production)";
        }

        var token = tokens.For(delivery);
        if (token is null)
        {
            return "the issuer is not known on this node";
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Settings.Timeout);
        try
        {
            using var content = new FormUrlEncodedContent([new("logout_token", token)]);
            using var response = await http.CreateClient(HttpClientName).PostAsync(uri, content, timeout.Token);
            return response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NoContent ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {Settings.Timeout.TotalSeconds:0.#} s";
        }
        catch (HttpRequestException exception)
        {
            return exception.HttpRequestError is HttpRequestError.Unknown ? "the request failed" : $"network error: {exception.HttpRequestError}";
        }
    }

    private bool IsAllowed(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback && !environment.IsProduction());

    private async Task RecordAsync(LogoutDelivery delivery, string? error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var where = db.LogoutDeliveries.Where(d => d.Id == delivery.Id && d.Attempts == delivery.Attempts);
        string @event, outcome, detail;
        if (error is null)
        {
            await where.ExecuteUpdateAsync(set => set.SetProperty(d => d.DeliveredAt, now).SetProperty(d => d.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(d => d.LastError, (string?)null), cancellationToken);
            (@event, outcome, detail) = ("logout.delivered", "succeeded", $"session {delivery.SessionId[..8]}…, attempt {delivery.Attempts}");
        }
        else if (delivery.Attempts > Settings.RetryDelays.Length)
        {
            await where.ExecuteUpdateAsync(set => set.SetProperty(d => d.AbandonedAt, now).SetProperty(d => d.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(d => d.LastError, error), cancellationToken);
            (@event, outcome, detail) = ("logout.abandoned", "failed", $"session {delivery.SessionId[..8]}…, gave up after {delivery.Attempts} attempts: {error}");
        }
        else
        {
            var next = now + Settings.RetryDelays[delivery.Attempts - 1];
            await where.ExecuteUpdateAsync(set => set.SetProperty(d => d.NextAttemptAt, next).SetProperty(d => d.LastError, error), cancellationToken);
            (@event, outcome, detail) = ("logout.failed", "failed", $"session {delivery.SessionId[..8]}…, attempt {delivery.Attempts}: {error}; next try at {next:u}");
        }

        await audit.RecordAsync(@event, outcome, delivery.UserId, delivery.ClientId, detail, cancellationToken: cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Back-channel logout tokens wait: set IdentityHub:Issuer so that any node can send them")]
    private static partial void LogIssuerUnknown(ILogger logger);
}
