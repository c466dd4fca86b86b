namespace IdentityHub.Server.Connect;

/// <summary>Claim types of IdentityHub's own, kept in the server's tokens and cookies.</summary>
internal static class SessionClaims
{
    /// <summary>When the refresh-token chain started by this sign-in must end (Unix seconds).</summary>
    public const string RefreshChainExpiresAt = "ih_rt_exp";

    /// <summary>The server session's id in ID tokens (OpenID Connect Front- and Back-Channel Logout).</summary>
    public const string SessionId = "sid";

    /// <summary>The client's own id, set as subject for client-credentials tokens.</summary>
    public const string ClientSubject = "client_id";
}
