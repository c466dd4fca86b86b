using IdentityHub.Data;
using IdentityHub.Data.Audit;
using IdentityHub.Delivery;

namespace IdentityHub.Server.Audit;

/// <summary>
/// The one way events reach the audit table. Each event gets a short reference number that pages
/// show the user and the help desk can look up. Never records codes, passwords or secrets.
/// </summary>
public sealed class AuditLog(IdentityHubDbContext db, TimeProvider time, IHttpContextAccessor http, Telemetry.IdentityHubMetrics metrics)
{
    /// <summary>A new reference number (<see cref="Core.Audit.AuditReferences"/>).</summary>
    public static string NewReference() => Core.Audit.AuditReferences.New();

    /// <summary>Records an event and returns its reference.</summary>
    public async Task<string> RecordAsync(string @event, string outcome, string? userId, string? clientId = null, string? detail = null, string? reference = null, CancellationToken cancellationToken = default)
    {
        var recorded = Add(@event, outcome, userId, clientId, detail, reference);
        await db.SaveChangesAsync(cancellationToken);
        return recorded;
    }

    /// <summary>
    /// Adds an event to the request's pending changes and returns its reference: it is written, in the same
    /// round trip and transaction, by the caller's next save of what the event is about.
    /// </summary>
    public string Add(string @event, string outcome, string? userId, string? clientId = null, string? detail = null, string? reference = null)
    {
        var entry = NewEntry(time, http.HttpContext, @event, outcome, userId, clientId, detail, reference);
        db.AuditEvents.Add(entry);
        // Sign-ins, second factors and lockouts also count on the IdentityHub meter (docs/operations.md).
        metrics.Observe(@event, outcome, clientId);
        return entry.Reference;
    }

    /// <summary>
    /// An event as <see cref="Add"/> writes it: the time, the request's network address and device in words, a new
    /// reference unless one is given, and the detail cut to the column's length.
    /// </summary>
    public static AuditEvent NewEntry(TimeProvider time, HttpContext? http, string @event, string outcome, string? userId, string? clientId = null, string? detail = null, string? reference = null) => new()
    {
        OccurredAt = time.GetUtcNow(),
        UserId = userId,
        ClientId = clientId,
        IpAddress = http?.Connection.RemoteIpAddress?.ToString(),
        Device = http?.Request.Headers.UserAgent is { Count: > 0 } agent ? Core.Sessions.DeviceDescription.From(agent) : null,
        Event = @event,
        Outcome = outcome,
        Reference = reference ?? NewReference(),
        Detail = detail is { Length: > 1000 } ? detail[..1000] : detail,
    };

    /// <summary>Every delivery attempt (channel, outcome, latency), under the reference of the code it carried.</summary>
    public Task RecordAsync(DeliveryAttempt attempt, CancellationToken cancellationToken) =>
        RecordAsync(
            "delivery.attempt",
            attempt.Outcome,
            userId: null,
            detail: $"{attempt.Kind} via {attempt.Channel} in {attempt.Latency.TotalMilliseconds:0} ms{(attempt.Detail is null ? "" : ": " + attempt.Detail)}",
            reference: attempt.Reference,
            cancellationToken: cancellationToken);
}
