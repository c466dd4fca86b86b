using IdentityHub.Data;

namespace IdentityHub.Server.Configuration;

/// <summary>
/// Settings under the <c>IdentityHub</c> configuration section. Every key is documented in
/// docs/configuration.md and checked at start-up by <see cref="IdentityHubOptionsValidator"/>.
/// </summary>
public sealed class IdentityHubOptions
{
    public const string Section = "IdentityHub";

    /// <summary>The public base address of the server (the <c>iss</c> claim); empty = the request's own.</summary>
    public Uri? Issuer { get; set; }

    /// <summary>Folder for the embedded database and development files, relative to the content root.</summary>
    public string DataFolder { get; set; } = "App_Data";

    public DatabaseOptions Database { get; set; } = new();

    public TokenOptions Tokens { get; set; } = new();

    public KeyOptions Keys { get; set; } = new();

    public SessionOptions Session { get; set; } = new();

    /// <summary>Single logout: back-channel logout token delivery (docs/sessions.md).</summary>
    public Logout.LogoutOptions Logout { get; set; } = new();

    public MfaOptions Mfa { get; set; } = new();

    /// <summary>The password policy (A2): preset <c>Nist</c> or <c>Legacy</c>, and overrides.</summary>
    public Core.Accounts.PasswordPolicySettings Passwords { get; set; } = new();

    public LockoutOptions Lockout { get; set; } = new();

    /// <summary>Rate limits per network address, account and client, shared by every node (docs/throttling.md).</summary>
    public Throttling.RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>The proxies whose <c>X-Forwarded-For</c> is believed (docs/throttling.md).</summary>
    public Throttling.NetworkOptions Network { get; set; } = new();

    /// <summary>This node's name, for logs and, when asked, a response header (docs/configuration.md#several-nodes).</summary>
    public Hosting.NodeOptions Node { get; set; } = new();

    public Account.InactivityOptions Inactivity { get; set; } = new();

    /// <summary>Security questions (A8), off by default; see docs/accounts.md.</summary>
    public Account.SecurityQuestionOptions SecurityQuestions { get; set; } = new();

    /// <summary>How many requests of each endpoint group a node works on at once before answering 503 (docs/throttling.md).</summary>
    public Throttling.OverloadOptions Overload { get; set; } = new();

    /// <summary>DPoP proofs and nonces (RFC 9449); see docs/dpop.md.</summary>
    public Connect.DPoP.DPoPOptions DPoP { get; set; } = new();

    /// <summary>SMART App Launch 2 (P13): the FHIR API whose scopes this server grants; see docs/smart.md.</summary>
    public Smart.SmartOptions Smart { get; set; } = new();

    /// <summary>Portals and integrations registered (or updated) at every start.</summary>
    public List<ClientRegistration> Clients { get; set; } = [];

    /// <summary>
    /// How long each node answers client lookups from memory before reading the client again. A change
    /// made on one node is seen there at once and on the others within this time. Zero reads every time.
    /// </summary>
    public TimeSpan ClientCacheLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>API resources: each becomes a scope of the same name whose tokens carry it as audience.</summary>
    public List<ApiResourceRegistration> ApiResources { get; set; } = [];

    /// <summary>Creates a demo user on first start and prints its password once. On by default in Development only.</summary>
    public bool SeedDemoUser { get; set; }

    /// <summary>The Strict-Transport-Security header sent on HTTPS outside Development; see docs/security.md.</summary>
    public HstsSettings Hsts { get; set; } = new();
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the server starts (the <c>migrate</c> command does it on demand).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>The Retry-After of the 503 answered while the database cannot be reached (whole seconds).</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromMinutes(1);
}

public sealed class TokenOptions
{
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan IdentityTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Idle lifetime: a refresh token unused for this long expires. Each use issues a new one.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Absolute lifetime: no refresh token outlives the sign-in that started the chain by more than this.</summary>
    public TimeSpan RefreshTokenAbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// How long a pushed authorization request's request_uri (PAR) stays usable: the browser presents it again after
    /// every page of the sign-in (password, codes, consent), so it must outlast a person's sign-in (decision 0036).
    /// </summary>
    public TimeSpan PushedRequestLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a just-redeemed refresh token may be replayed (for racing tabs) before reuse revokes the chain.</summary>
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Whether access and identity tokens get a database row, so that revoking one takes effect at
    /// introspection and userinfo at once. Off by default: they are self-contained JWTs valid until they expire.
    /// </summary>
    public bool StoreAccessTokens { get; set; }
}

public sealed class KeyOptions
{
    public TimeSpan RotationInterval { get; set; } = TimeSpan.FromDays(90);

    public TimeSpan PublishAhead { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often each node re-reads the key table, so rotations by another node are seen.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);
}

public sealed class SessionOptions
{
    /// <summary>How long the server's own sign-in cookie lives without activity.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long the server's sign-in lasts at most, active or not.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How often a sign-in cookie is checked against the user's record (the security stamp), as a second line behind the session record.</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a node answers "is this session alive?" from memory. Ending a session takes effect at once on
    /// the node that ended it and within this time on the others. Zero reads the record on every request.
    /// </summary>
    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How stale a session's "last seen" may get before a request writes it again (one write per session per interval).</summary>
    public TimeSpan LastSeenPrecision { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long ended and expired session records are kept (for the account page and investigations) before they are deleted.</summary>
    public TimeSpan RecordRetention { get; set; } = TimeSpan.FromDays(30);
}

public sealed class LockoutOptions
{
    /// <summary>Consecutive wrong passwords that lock the account (A3).</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long the lock lasts; "Forgot password" unlocks at once.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}

public sealed class ClientRegistration
{
    public string ClientId { get; set; } = "";

    public string? DisplayName { get; set; }

    /// <summary>Empty for a public client (PKCE only); set for a confidential client.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>First-party portals are pre-consented; third-party clients get a consent page.</summary>
    public bool ThirdParty { get; set; }

    public List<Uri> RedirectUris { get; set; } = [];

    public List<Uri> PostLogoutRedirectUris { get; set; } = [];

    /// <summary>The portal's home page (like RFC 7591 <c>client_uri</c>), where a person who accepted an invitation to it lands.</summary>
    public Uri? ClientUri { get; set; }

    /// <summary>Extra scopes beyond <c>openid profile email phone offline_access</c> (API scopes).</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary><c>authorization_code</c>, <c>refresh_token</c>, <c>client_credentials</c>.</summary>
    public List<string> GrantTypes { get; set; } = [];

    /// <summary>The portal's help-desk phone, shown on MFA pages (M5).</summary>
    public string? HelpDeskPhone { get; set; }

    /// <summary>Whether a discoverable passkey alone (no password) may sign in to this portal (M13).</summary>
    public bool AllowPasskeySignIn { get; set; } = true;

    /// <summary>Whether "Remember this device" is offered for this portal (M7).</summary>
    public bool AllowRememberDevice { get; set; } = true;

    /// <summary>Whether members may create their own account from this portal's sign-in page and by <c>prompt=create</c> (A15).</summary>
    public bool AllowSelfRegistration { get; set; }

    /// <summary>The assurance level every sign-in to this portal must reach: <c>aal2</c> (default) or <c>aal3</c>.</summary>
    public string? Assurance { get; set; }

    /// <summary>Browser origins (<c>https://app.example.org</c>) allowed to call the token and discovery endpoints from script.</summary>
    public List<string> AllowedCorsOrigins { get; set; } = [];

    /// <summary>Where logout tokens are posted when a session with this portal ends (Back-Channel Logout 1.0).</summary>
    public Uri? BackChannelLogoutUri { get; set; }

    /// <summary>Loaded in a hidden frame when a session with this portal ends (Front-Channel Logout 1.0).</summary>
    public Uri? FrontChannelLogoutUri { get; set; }

    /// <summary>Whether authorization requests must be pushed first (PAR, RFC 9126).</summary>
    public bool RequirePushedAuthorization { get; set; }

    /// <summary>Whether token requests must carry a DPoP proof (RFC 9449).</summary>
    public bool RequireDPoP { get; set; }

    /// <summary>Access-token lifetime for this client; empty: <c>IdentityHub:Tokens:AccessTokenLifetime</c>.</summary>
    public TimeSpan? AccessTokenLifetime { get; set; }

    /// <summary>How long an unused refresh token stays valid for this client; empty: the server's default.</summary>
    public TimeSpan? RefreshTokenLifetime { get; set; }

    /// <summary>How long a chain of refresh tokens lasts from the sign-in at most; empty: no limit beyond the idle one.</summary>
    public TimeSpan? RefreshTokenAbsoluteLifetime { get; set; }

    /// <summary>How old a sign-in may be before this portal's requests ask for the password again; empty: the session's own limits.</summary>
    public TimeSpan? MaxSessionAge { get; set; }

    /// <summary>The portal's logo (absolute https URL), shown on its consent page.</summary>
    public Uri? LogoUri { get; set; }

    /// <summary>Who makes a third-party app, named on its consent page (for example "Example Health Apps, Inc.").</summary>
    public string? Publisher { get; set; }

    /// <summary>How this portal's ID tokens are signed: <c>RS256</c> (default), <c>PS256</c> or <c>ES256</c> (decision 0043).</summary>
    public string? IdTokenSigningAlgorithm { get; set; }
}

public sealed class ApiResourceRegistration
{
    public string Name { get; set; } = "";

    public string? DisplayName { get; set; }

    /// <summary>
    /// How access tokens for this API are signed: <c>RS256</c> (default), <c>PS256</c> or <c>ES256</c> (decision 0043).
    /// A token for several APIs that chose differently is signed RS256.
    /// </summary>
    public string? AccessTokenSigningAlgorithm { get; set; }
}
