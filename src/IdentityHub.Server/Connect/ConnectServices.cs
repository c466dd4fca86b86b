using IdentityHub.Data;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Connect.Clients;
using IdentityHub.Server.Connect.DPoP;
using IdentityHub.Server.Connect.Tokens;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenIddict.EntityFrameworkCore.Models;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Server.Connect;

public static class ConnectServices
{
    /// <summary>
    /// The OpenID Connect protocol: OpenIddict's server on the EF Core stores, with IdentityHub's cached
    /// client store, its token and authorization stores, scopes and claims, and its own token handlers.
    /// </summary>
    public static IServiceCollection AddIdentityHubProtocol(this IServiceCollection services, IHostEnvironment environment, DatabaseProvider provider)
    {
        services.AddScoped<Tokens.Npgsql.HotRows>();
        services.AddScoped<ScopeResources>();
        services.AddScoped<ConnectedApps>();
        services.AddScoped<ConsentRecords>();
        services.TryAddSingleton<VerifiedClientSecrets>();
        services.TryAddSingleton<ClientSnapshots>();
        services.AddScoped<Throttling.OneTimeIds>();
        services.TryAddSingleton<ClientKeySets>();
        services.AddHttpClient(ClientKeySets.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(5));
        services.AddIdentityHubDPoP();
        services.TryAddSingleton<Cors.BrowserOrigins>();
        services.TryAddSingleton<PushedRequests>();
        // The API scopes from the settings are registered like the OpenID ones, so checking a request's scopes
        // needs no database query; a scope added to the database by other means is still looked up there.
        // So are SMART's (a finite set: decision 0042), when SMART is on.
        services.AddOptions<OpenIddictServerOptions>().Configure<IOptions<IdentityHubOptions>>((server, hub) =>
        {
            server.Scopes.UnionWith(hub.Value.ApiResources.Select(resource => resource.Name));
            server.Scopes.UnionWith(hub.Value.Smart.Scopes().All);
        });
        services.AddOpenIddict()
            .AddCore(options =>
            {
                options.UseEntityFrameworkCore().UseDbContext<IdentityHubDbContext>();
                // Clients are read from this node's memory between changes (see ClientSnapshots).
                options.ReplaceApplicationStore<OpenIddictEntityFrameworkCoreApplication, CachingApplicationStore>(ServiceLifetime.Scoped);
                if (provider == DatabaseProvider.Postgres)
                {
                    // Every code, refresh and token request reads and writes these rows: on Npgsql, without change
                    // tracking (decision 0044). EF Core keeps the cold paths and the migrations.
                    options.ReplaceTokenStore<OpenIddictEntityFrameworkCoreToken, Tokens.Npgsql.NpgsqlTokenStore>(ServiceLifetime.Scoped);
                    options.ReplaceAuthorizationStore<OpenIddictEntityFrameworkCoreAuthorization, Tokens.Npgsql.NpgsqlAuthorizationStore>(ServiceLifetime.Scoped);
                }
                else
                {
                    // An authorization code's row is written once, with its payload (see SingleWriteTokenStore).
                    options.ReplaceTokenStore<OpenIddictEntityFrameworkCoreToken, SingleWriteTokenStore>(ServiceLifetime.Scoped);
                }

                // PBKDF2 once per client secret, not once per token request (see VerifiedClientSecrets).
                options.ReplaceApplicationManager(typeof(RememberingApplicationManager<>));
            })
            .AddServer(options =>
            {
                options.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetUserInfoEndpointUris("connect/userinfo")
                    .SetIntrospectionEndpointUris("connect/introspect")
                    .SetRevocationEndpointUris("connect/revoke")
                    .SetEndSessionEndpointUris("connect/endsession")
                    // PAR (RFC 9126): OpenIddict validates and stores the pushed request and restores it at the
                    // authorization endpoint; clients with RequirePushedAuthorization must use it (decision 0036).
                    .SetPushedAuthorizationEndpointUris("connect/par");

                options.AllowAuthorizationCodeFlow()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow()
                    .RequireProofKeyForCodeExchange();

                options.RegisterScopes(ScopeResources.OpenIdScopes);
                options.RegisterScopes(ScopeResources.IdentityScopes);
                // prompt=create (OpenID Connect Prompt Create 1.0): members of a portal that allows it sign up (A15).
                options.RegisterPromptValues(PromptValues.Create);
                options.RegisterClaims(
                    Claims.Subject, Claims.Name, Claims.GivenName, Claims.FamilyName, Claims.PreferredUsername,
                    Claims.Email, Claims.EmailVerified, Claims.PhoneNumber, Claims.PhoneNumberVerified,
                    Claims.AuthenticationTime, Claims.AuthenticationMethodReference, Claims.AuthenticationContextReference,
                    Smart.SmartClaims.Patient, Smart.SmartClaims.FhirUser, Smart.SmartClaims.MemberId);

                // Portals' APIs validate access tokens as plain RS256 JWTs against JWKS.
                options.DisableAccessTokenEncryption();
                options.AddEventHandler(SelfContainedTokens.Descriptor);
                options.AddEventHandler(ServerTokenCredentials.Descriptor);
                options.AddEventHandler(IdentityTokenHints.AuthorizationDescriptor);
                options.AddEventHandler(IdentityTokenHints.EndSessionDescriptor);
                options.AddEventHandler(CodeChallengeFormat.Descriptor);
                options.AddEventHandler(PromptNoneAlone.Descriptor);
                options.AddEventHandler(ClientAssertionReplay.Descriptor);
                options.AddEventHandler(GenericClientAssertions.Descriptor);
                options.AddEventHandler(RequestUriErrors.Descriptor);
                // SMART App Launch (P13, decision 0042): aud names the FHIR API; system scopes for client_credentials only.
                options.AddEventHandler(Smart.SmartRequests.AuthorizationDescriptor);
                options.AddEventHandler(Smart.SmartRequests.PushedDescriptor);
                options.AddEventHandler(Smart.SmartRequests.TokenDescriptor);
                options.AddEventHandler(LanguagesInDiscovery.Descriptor);
                options.AddEventHandler(Registration.RegistrationInDiscovery.Descriptor);
                // DPoP proofs checked and tokens bound to the client's key (RFC 9449, decision 0034).
                options.AddDPoPHandlers();
                options.AddEventHandler(Logout.LogoutInDiscovery.Descriptor);
                // Tokens issued and refused reach the audit trail, off the request (decision 0032).
                options.AddEventHandler(AuditIssuedTokens.Descriptor);
                options.AddEventHandler(AuditRefusedTokens.PresentedDescriptor);
                options.AddEventHandler(AuditRefusedTokens.ResponseDescriptor);

                // S256 only: "plain" offers no protection against a stolen code.
                options.Configure(server => server.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));

                var aspNetCore = options.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableStatusCodePagesIntegration();

                // Plain HTTP on localhost is allowed for `dotnet run` only; every other environment needs TLS.
                if (environment.IsDevelopment())
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            });

        return services;
    }
}
