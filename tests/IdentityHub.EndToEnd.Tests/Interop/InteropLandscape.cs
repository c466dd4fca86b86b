using System.Security.Cryptography;
using IdentityHub.Core.Secrets;
using IdentityHub.Testing;
using Npgsql;

namespace IdentityHub.EndToEnd.Tests.Interop;

/// <summary>
/// The portal landscape for the interoperability tests: the server also registers the single-page app
/// (<see cref="SpaClientId"/>, a public client whose origin may call it from script) and asks DPoP clients for
/// server nonces; the app's static pages are served on <see cref="Spa"/>. The other clients register
/// themselves through dynamic registration with an initial access token (<see cref="IssueInitialAccessTokenAsync"/>).
/// </summary>
public sealed class InteropLandscape : PortalLandscape, IAsyncLifetime
{
    public const string SpaClientId = "interop-spa";

    private SpaHost? _spaHost;

    public InteropLandscape()
        : this(new Uri($"http://localhost:{FreeTcpPort.Next()}/"))
    {
    }

    private InteropLandscape(Uri spa)
        : base(ServerSettings(spa)) => Spa = spa;

    /// <summary>Where the single-page app is served (its origin is registered for CORS).</summary>
    public Uri Spa { get; }

    /// <summary>The page oidc-client-ts returns to after sign-in.</summary>
    public Uri SpaCallback => new(Spa, "callback.html");

    public new async Task InitializeAsync()
    {
        // The app's script is oidc-client-ts's browser bundle, installed with the Node libraries.
        await NodeLibraries.EnsureInstalledAsync();
        _spaHost = await SpaHost.StartAsync(Spa);
        await base.InitializeAsync();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_spaHost is not null)
        {
            await _spaHost.DisposeAsync();
        }
    }

    /// <summary>
    /// An initial access token for dynamic registration (RFC 7591 §3) allowing the code flow with refresh, the
    /// OpenID Connect scopes and clients without consent, written to the server's database as the admin API
    /// writes it (a SHA-256 hash only): the admin API's own tests cover issuing one there.
    /// </summary>
    public async Task<string> IssueInitialAccessTokenAsync()
    {
        var token = "iat_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var now = DateTimeOffset.UtcNow;
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO "InitialAccessTokens" ("Id", "TokenHash", "Description", "CreatedBy", "CreatedAt", "ExpiresAt", "MaxUses", "Uses", "Policy")
            VALUES (@id, @hash, 'Interoperability tests', 'interop-tests', @now, @expires, 1, 0, @policy)
            """, connection);
        insert.Parameters.AddWithValue("id", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        insert.Parameters.AddWithValue("hash", BearerSecrets.Hash(token));
        insert.Parameters.AddWithValue("now", now);
        insert.Parameters.AddWithValue("expires", now.AddHours(1));
        insert.Parameters.AddWithValue("policy", """{"grant_types":["authorization_code","refresh_token"],"redirect_hosts":["localhost"],"scopes":[],"consent_required":false}""");
        await insert.ExecuteNonQueryAsync();
        return token;
    }

    private static Dictionary<string, string?> ServerSettings(Uri spa)
    {
        // appsettings.Development.json registers five clients (the member app fifth): this one is the sixth.
        const string Client = "IdentityHub__Clients__5__";
        return new()
        {
            [Client + "ClientId"] = SpaClientId,
            [Client + "DisplayName"] = "Interop single-page app",
            [Client + "RedirectUris__0"] = new Uri(spa, "callback.html").ToString(),
            [Client + "PostLogoutRedirectUris__0"] = spa.ToString(),
            [Client + "AllowedCorsOrigins__0"] = spa.GetLeftPart(UriPartial.Authority),
            // DPoP clients are asked for a server nonce, as a careful deployment would (libraries must retry).
            ["IdentityHub__DPoP__RequireNonce"] = "true",
        };
    }
}

/// <summary>The interoperability tests share one landscape and browser.</summary>
[CollectionDefinition(Name)]
public sealed class InteropLandscapeCollection : ICollectionFixture<InteropLandscape>, ICollectionFixture<BrowserSession>
{
    public const string Name = "Interop";
}
