namespace IdentityHub.Data.Sessions;

/// <summary>
/// One sign-in of one person in one browser (A12). The session cookie carries only this record's id
/// (<c>sid</c>) beside the facts it was issued with; a cookie whose record has ended or expired is refused
/// on every node. Kept after it ends for <c>IdentityHub:Session:RecordRetention</c>, then deleted.
/// </summary>
public class ServerSession
{
    /// <summary>The session id: random, 128 bits, base64url; the <c>sid</c> claim of ID tokens.</summary>
    public required string Id { get; set; }

    public required string UserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The last request seen (written at most once per <c>Session:LastSeenPrecision</c>).</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>The absolute end: the sign-in time plus <c>Session:AbsoluteLifetime</c>.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Why it ended, one of <see cref="SessionEndReasons"/>.</summary>
    public string? EndReason { get; set; }

    /// <summary>When the person last authenticated in this session (the <c>auth_time</c> of its tokens).</summary>
    public DateTimeOffset AuthenticatedAt { get; set; }

    /// <summary>The <c>amr</c> values, space-separated, and the <c>acr</c> of the latest authentication.</summary>
    public required string Methods { get; set; }

    public required string Acr { get; set; }

    /// <summary>Browser and system in words, from the user agent ("Chrome on Windows").</summary>
    public required string Device { get; set; }

    /// <summary>The network address the session started from.</summary>
    public string? NetworkAddress { get; set; }

    /// <summary>The portals this session signed in to, for single logout.</summary>
    public List<ServerSessionClient> Clients { get; set; } = [];
}

/// <summary>A portal (client id) a session issued an authorization to.</summary>
public class ServerSessionClient
{
    public required string SessionId { get; set; }

    public required string ClientId { get; set; }

    public DateTimeOffset FirstUsedAt { get; set; }

    /// <summary>The security profile chosen for this portal in this session (D4), or null for a portal without profiles.</summary>
    public string? ProfileId { get; set; }
}

/// <summary>Why a session ended.</summary>
public static class SessionEndReasons
{
    public const string SignedOut = "signed_out";
    public const string EndedByUser = "ended_by_user";
    public const string SignedOutEverywhere = "signed_out_everywhere";
    public const string PasswordReset = "password_reset";
    public const string PasswordChanged = "password_changed";
    public const string AccountDisabled = "account_disabled";
    public const string Administrator = "administrator";
    public const string IdleTimeout = "idle_timeout";
    public const string Expired = "expired";
    public const string Replaced = "replaced";
}
