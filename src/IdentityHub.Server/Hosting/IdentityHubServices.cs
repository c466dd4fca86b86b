using IdentityHub.Data;
using IdentityHub.Data.Users;
using IdentityHub.Delivery;
using IdentityHub.Server.Account;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Connect;
using IdentityHub.Server.Connect.Clients;
using IdentityHub.Server.Connect.Tokens;
using IdentityHub.Server.Import;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.Passkeys;
using IdentityHub.Server.Passwords;
using IdentityHub.Server.Passwords.Breaches;
using IdentityHub.Server.Profile;
using IdentityHub.Server.SignIn;
using IdentityHub.Server.Terms;
using IdentityHub.Server.Keys;
using IdentityHub.Server.Seeding;
using IdentityHub.Server.Sessions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenIddict.EntityFrameworkCore.Models;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Server.Hosting;

public static class IdentityHubServices
{
    /// <summary>Registers the token server: options, database, Identity, OpenIddict, keys and pages.</summary>
    public static IServiceCollection AddIdentityHub(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<IdentityHubOptions>()
            .Bind(configuration.GetSection(IdentityHubOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<IdentityHubOptions>, IdentityHubOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        // Hosted services start in registration order: migrations must run before Data Protection's
        // own hosted service reads its key ring, and before the token keys are read.
        services.AddHostedService<StartupTasks>();

        var database = DatabaseSettings.From(configuration, environment);
        services.AddIdentityHubDatabase(database.Provider, database.ConnectionString);

        services.AddDataProtection()
            .SetApplicationName("IdentityHub")
            .PersistKeysToDbContext<IdentityHubDbContext>();

        AddIdentity(services);
        services.AddIdentityHubBreachCheck();
        AddOpenIddict(services, environment);

        services.AddSingleton<KeyMaterial>();
        services.AddSingleton<KeyRing>();
        services.AddSingleton<ServerCredentialsSetup>();
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>>(provider => provider.GetRequiredService<ServerCredentialsSetup>());
        services.AddSingleton<IOptionsChangeTokenSource<OpenIddictServerOptions>>(provider => provider.GetRequiredService<ServerCredentialsSetup>());
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ServerLifetimesSetup>();

        services.AddScoped<ClientRegistrar>();
        services.AddScoped<DemoUserSeeder>();
        services.AddScoped<TermsSeeder>();
        services.AddScoped<TermsService>();
        services.AddHostedService<KeyRingRefresher>();

        AddMfa(services, configuration);
        services.AddIdentityHubPasskeys(configuration);
        services.AddRazorPages();
        return services;
    }

    private static void AddMfa(IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<AuditLog>();
        services.AddIdentityHubDelivery(configuration.GetSection(IdentityHubOptions.Section + ":Delivery"));
        services.AddSingleton<IDeliveryAudit, DeliveryAuditWriter>();
        services.AddOptions<DeliveryOptions>().PostConfigure<IOptions<IdentityHubOptions>, IHostEnvironment>((delivery, hub, host) =>
        {
            // The development outbox writes under the data folder unless told otherwise.
            if (delivery.Outbox.Enabled && string.IsNullOrWhiteSpace(delivery.Outbox.Folder))
            {
                delivery.Outbox.Folder = Path.Combine(Path.GetFullPath(hub.Value.DataFolder, host.ContentRootPath), "outbox");
            }
        });

        services.AddSingleton<ClientPolicies>();
        services.AddSingleton<CodeTemplates>();
        services.AddScoped<EnrolledMethods>();
        services.AddScoped<MfaLockout>();
        services.AddScoped<CodeChallenges>();
        services.AddScoped<ProfileChanges>();
        services.AddScoped<RememberedDevices>();
        services.AddScoped<AuthenticatorApps>();
        services.AddScoped<RecoveryCodeStore>();
        services.AddScoped<SignOutEverywhere>();
        services.AddIdentityHubAccountRecovery();
        services.AddScoped<InactiveAccounts>();
        services.AddScoped<SecurityQuestions>();
        services.AddScoped<AccountSwitch>();
        services.AddScoped<TemporaryPasswords>();
        services.AddScoped<UserSessions>();
        services.AddScoped<ScopeResources>();
        services.AddSingleton<ServerSecrets>();
        services.AddHostedService<InactivityJob>();
        services.AddScoped<EnrollmentWizard>();
        services.AddScoped<SignInFlow>();
        services.AddScoped<ChallengeChoices>();
        services.AddScoped<FreshSecondFactor>();

        // The checks between the password and the session, in order. A new step is one line here.
        services.AddScoped<ISignInCheck, MfaEnrollmentCheck>();
        services.AddScoped<ISignInCheck, MfaChallengeCheck>();
        services.AddScoped<ISignInCheck, PasswordChangeCheck>();
        services.AddScoped<ISignInCheck, TermsCheck>();
        services.AddScoped<ISignInCheck, SecurityQuestionsCheck>();
        services.AddScoped<ISignInCheck, RecoveryCodesCheck>();

        services.AddAuthentication().AddCookie(SignInAttempt.Scheme, cookie =>
        {
            cookie.Cookie.Name = ".IdentityHub.SignInAttempt";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            cookie.SlidingExpiration = false;
            cookie.LoginPath = "/account/login";
        });
    }

    private static void AddIdentity(IServiceCollection services)
    {
        services.AddIdentity<IdentityHubUser, IdentityRole>(options =>
            {
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
                options.User.RequireUniqueEmail = false;
                options.SignIn.RequireConfirmedAccount = false;
                options.Lockout.AllowedForNewUsers = true;
                // IdentityHub:Passwords and IdentityHub:Usernames decide (PolicyPasswordValidator,
                // PolicyUserValidator); Identity's own composition and character rules are off.
                options.User.AllowedUserNameCharacters = "";
                options.Password.RequiredLength = 1;
                options.Password.RequiredUniqueChars = 1;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.ClaimsIdentity.UserIdClaimType = System.Security.Claims.ClaimTypes.NameIdentifier;
            })
            .AddEntityFrameworkStores<IdentityHubDbContext>()
            .AddUserStore<IdentityHubUserStore>()
            .AddErrorDescriber<IdentityHubErrorDescriber>()
            .AddPasswordValidator<PolicyPasswordValidator>()
            .AddUserValidator<PolicyUserValidator>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<SessionPrincipalFactory>();

        // Imported users' legacy hashes (A10) are read beside Identity's own.
        services.Replace(ServiceDescriptor.Scoped<IPasswordHasher<IdentityHubUser>, LegacyAwarePasswordHasher>());
        services.AddScoped<ImportedPasswordCheck>();

        // Lockout (A3): N consecutive failures lock the account for a while, or until a reset.
        services.AddOptions<IdentityOptions>().Configure<IOptions<IdentityHubOptions>>((identity, hub) =>
        {
            identity.Lockout.MaxFailedAccessAttempts = hub.Value.Lockout.MaxFailedAttempts;
            identity.Lockout.DefaultLockoutTimeSpan = hub.Value.Lockout.Duration;
        });

        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<IdentityHubOptions>>((cookie, hub) =>
            {
                cookie.Cookie.Name = ".IdentityHub.Session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.LoginPath = "/account/login";
                cookie.LogoutPath = "/account/signout";
                cookie.AccessDeniedPath = "/error";
                cookie.ExpireTimeSpan = hub.Value.Session.IdleTimeout;
                cookie.SlidingExpiration = true;
                cookie.Events.OnValidatePrincipal = SessionLifetime.ValidateAsync;
            });

        // When Identity re-issues the cookie after its security-stamp check, keep how and when the user signed in.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<IdentityHubOptions>>((stamp, hub) =>
        {
            stamp.OnRefreshingPrincipal = SessionLifetime.KeepSignInFacts;
            stamp.ValidationInterval = hub.Value.Session.RevalidationInterval;
        });
    }

    private static void AddOpenIddict(IServiceCollection services, IHostEnvironment environment)
    {
        services.TryAddSingleton<VerifiedClientSecrets>();
        services.TryAddSingleton<ClientSnapshots>();
        // The API scopes from the settings are registered like the OpenID ones, so checking a request's scopes
        // needs no database query; a scope added to the database by other means is still looked up there.
        services.AddOptions<OpenIddictServerOptions>().Configure<IOptions<IdentityHubOptions>>((server, hub) =>
            server.Scopes.UnionWith(hub.Value.ApiResources.Select(resource => resource.Name)));
        services.AddOpenIddict()
            .AddCore(options =>
            {
                options.UseEntityFrameworkCore().UseDbContext<IdentityHubDbContext>();
                // Clients are read from this node's memory between changes (see ClientSnapshots).
                options.ReplaceApplicationStore<OpenIddictEntityFrameworkCoreApplication, CachingApplicationStore>(ServiceLifetime.Scoped);
                // An authorization code's row is written once, with its payload (see SingleWriteTokenStore).
                options.ReplaceTokenStore<OpenIddictEntityFrameworkCoreToken, SingleWriteTokenStore>(ServiceLifetime.Scoped);
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
                    .SetEndSessionEndpointUris("connect/endsession");

                options.AllowAuthorizationCodeFlow()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow()
                    .RequireProofKeyForCodeExchange();

                options.RegisterScopes(ScopeResources.OpenIdScopes);
                options.RegisterClaims(
                    Claims.Subject, Claims.Name, Claims.GivenName, Claims.FamilyName, Claims.PreferredUsername,
                    Claims.Email, Claims.EmailVerified, Claims.PhoneNumber, Claims.PhoneNumberVerified,
                    Claims.AuthenticationTime, Claims.AuthenticationMethodReference, Claims.AuthenticationContextReference);

                // Portals' APIs validate access tokens as plain RS256 JWTs against JWKS.
                options.DisableAccessTokenEncryption();
                options.AddEventHandler(SelfContainedTokens.Descriptor);
                options.AddEventHandler(ServerTokenCredentials.Descriptor);

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
    }
}
