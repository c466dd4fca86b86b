namespace IdentityHub.Data.Sessions;

/// <summary>
/// One back-channel logout token owed to one client for one ended session (OpenID Connect Back-Channel
/// Logout 1.0). Written in the transaction that ends the session, so none is lost when a node stops;
/// any node sends it, retries with back-off, and records the outcome.
/// </summary>
public class LogoutDelivery
{
    /// <summary>Random, 32 hex characters; also the logout token's <c>jti</c>.</summary>
    public required string Id { get; set; }

    public required string SessionId { get; set; }

    public required string ClientId { get; set; }

    /// <summary>The person the session was for (the token's <c>sub</c>).</summary>
    public required string UserId { get; set; }

    /// <summary>The client's back-channel logout URI when the session ended.</summary>
    public required string Uri { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When a node may (next) try to send it; null once delivered or given up.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>When the last retry failed and sending stopped.</summary>
    public DateTimeOffset? AbandonedAt { get; set; }

    /// <summary>The last failure in words (status code or network error), never the token.</summary>
    public string? LastError { get; set; }
}
