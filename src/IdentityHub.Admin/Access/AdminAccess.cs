using IdentityHub.Administration;
using IdentityHub.Core.Organizations;
using IdentityHub.Data;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace IdentityHub.Admin.Access;

/// <summary>
/// Who may call the API: bearers of an access token that IdentityHub issued for <see cref="AdministrationScope"/>,
/// validated with OpenIddict validation against the token server's discovery document and signing keys.
/// What the caller may then do is read from the database on each request (<see cref="CallerLookup"/>).
/// </summary>
internal static class AdminAccess
{
    public const string Policy = "identityhub.admin";

    public static IServiceCollection AddAdminAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpenIddict()
            // The token and authorization managers, for the actions that revoke what a person holds.
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityHubDbContext>())
            .AddValidation(validation =>
            {
                if (Uri.TryCreate(configuration[TokenServerLinks.IssuerKey], UriKind.Absolute, out var issuer))
                {
                    validation.SetIssuer(issuer);
                }

                validation.AddAudiences(AdministrationScope.Name);
                validation.UseSystemNetHttp();
                validation.UseAspNetCore();
            });

        services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.HasScope(AdministrationScope.Name)));
        return services;
    }
}
