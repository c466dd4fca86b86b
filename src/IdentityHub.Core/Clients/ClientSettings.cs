using System.Text.Json;
using System.Text.Json.Serialization;

namespace IdentityHub.Core.Clients;

/// <summary>
/// What IdentityHub keeps about a client beyond what OpenIddict's application record has (redirect URIs,
/// permissions, secret, consent type, token lifetimes, the PAR requirement): its sign-in policy, browser
/// origins, logout addresses and branding. Stored as one JSON object in the application's properties under
/// <see cref="PropertyName"/>, so every path that registers a client (configuration, the admin API, dynamic
/// registration) writes the same shape and every node reads it from the database.
/// </summary>
public sealed record ClientSettings
{
    public const string PropertyName = "identityhub";

    public static readonly ClientSettings Default = new();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Browser origins (scheme, host, port) whose scripts may call the token, userinfo, revocation and discovery endpoints.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    /// <summary>Where a logout token is posted when a session this client took part in ends (Back-Channel Logout 1.0).</summary>
    public Uri? BackChannelLogoutUri { get; init; }

    /// <summary>Whether the logout token carries <c>sid</c> (always true here: IdentityHub always sends it).</summary>
    public bool BackChannelLogoutSessionRequired { get; init; } = true;

    /// <summary>Loaded in an iframe of the signed-out page when a session this client took part in ends (Front-Channel Logout 1.0).</summary>
    public Uri? FrontChannelLogoutUri { get; init; }

    /// <summary>Whether <c>iss</c> and <c>sid</c> are added to the front-channel logout URI.</summary>
    public bool FrontChannelLogoutSessionRequired { get; init; } = true;

    /// <summary>Whether every token request must carry a DPoP proof (RFC 9449), binding the tokens to the client's key.</summary>
    public bool RequireDPoP { get; init; }

    /// <summary>The assurance level every sign-in to this client must reach: <c>aal2</c> (default) or <c>aal3</c>.</summary>
    public string? Assurance { get; init; }

    /// <summary>Whether "Remember this device" is offered when signing in to this client (M7).</summary>
    public bool AllowRememberDevice { get; init; } = true;

    /// <summary>Whether a discoverable passkey alone may sign in to this client (M13).</summary>
    public bool AllowPasskeySignIn { get; init; } = true;

    /// <summary>How old a sign-in may be before this client's authorization requests ask for the password again (like <c>max_age</c> on every request).</summary>
    public TimeSpan? MaxSessionAge { get; init; }

    /// <summary>How long a chain of refresh tokens may last from the sign-in, however often it is used.</summary>
    public TimeSpan? RefreshTokenAbsoluteLifetime { get; init; }

    /// <summary>The client's help-desk phone, shown on its sign-in and code pages (M5).</summary>
    public string? HelpDeskPhone { get; init; }

    /// <summary>The client's home page (RFC 7591 <c>client_uri</c>).</summary>
    public Uri? ClientUri { get; init; }

    /// <summary>The client's logo (RFC 7591 <c>logo_uri</c>), shown on its consent page.</summary>
    public Uri? LogoUri { get; init; }

    /// <summary>Where the client publishes its public keys for <c>private_key_jwt</c> (RFC 7591 <c>jwks_uri</c>).</summary>
    public Uri? JwksUri { get; init; }

    /// <summary>How the client authenticates at the token endpoint (RFC 7591 <c>token_endpoint_auth_method</c>), as registered.</summary>
    public string? TokenEndpointAuthMethod { get; init; }

    /// <summary>
    /// Who makes the app (for example "Example Health Apps, Inc."), named on the consent page next to the app's name so
    /// a member can tell a look-alike from the real thing (P13). Shown as registered; the plan vets it (decision 0042).
    /// </summary>
    public string? Publisher { get; init; }

    /// <summary>The organization that registered the client, when an integrator did.</summary>
    public string? OrganizationId { get; init; }

    /// <summary>
    /// Whether the client's sign-in page offers "Create an account" and honours <c>prompt=create</c> (A15): members
    /// prove their membership against the plan's roster. Off by default; the member portal turns it on.
    /// </summary>
    public bool AllowSelfRegistration { get; init; }

    /// <summary>
    /// How the client's ID tokens are signed (OpenID Connect Registration <c>id_token_signed_response_alg</c>): one of
    /// <see cref="Keys.TokenSigningAlgorithms.All"/>; null is RS256 (decision 0043).
    /// </summary>
    public string? IdTokenSigningAlgorithm { get; init; }

    /// <summary>Reads the settings from an application's properties; a client without any gets <see cref="Default"/>.</summary>
    public static ClientSettings From(IReadOnlyDictionary<string, JsonElement>? properties)
    {
        if (properties is null || !properties.TryGetValue(PropertyName, out var element) || element.ValueKind != JsonValueKind.Object)
        {
            return Default;
        }

        try
        {
            return element.Deserialize<ClientSettings>(Json) ?? Default;
        }
        catch (JsonException)
        {
            // Written by hand in the database and unreadable: the safe defaults, never a failed sign-in.
            return Default;
        }
    }

    /// <summary>Writes the settings into an application descriptor's properties.</summary>
    public void WriteTo(IDictionary<string, JsonElement> properties) =>
        properties[PropertyName] = JsonSerializer.SerializeToElement(this, Json);
}
