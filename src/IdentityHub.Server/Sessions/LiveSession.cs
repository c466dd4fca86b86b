using IdentityHub.Data.Sessions;

namespace IdentityHub.Server.Sessions;

/// <summary>What a node remembers of a session record to answer "is this cookie's session alive?".</summary>
public sealed record LiveSession(string Id, string UserId, DateTimeOffset ExpiresAt, DateTimeOffset LastSeenAt, DateTimeOffset? EndedAt, IReadOnlyCollection<string> ClientIds)
{
    public static LiveSession Of(ServerSession record) =>
        new(record.Id, record.UserId, record.ExpiresAt, record.LastSeenAt, record.EndedAt, record.Clients.Select(client => client.ClientId).ToArray());

    /// <summary>Null while the session is alive; otherwise why it is not (one of <see cref="SessionEndReasons"/>).</summary>
    public string? EndReasonAt(DateTimeOffset now, TimeSpan idleTimeout) => this switch
    {
        { EndedAt: not null } => SessionEndReasons.SignedOut,
        _ when now >= ExpiresAt => SessionEndReasons.Expired,
        _ when now - LastSeenAt >= idleTimeout => SessionEndReasons.IdleTimeout,
        _ => null,
    };
}
