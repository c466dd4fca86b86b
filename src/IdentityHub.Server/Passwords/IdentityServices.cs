using IdentityHub.Data;
using IdentityHub.Data.Users;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Import;
using IdentityHub.Server.Passwords.Breaches;
using IdentityHub.Server.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Passwords;

public static class IdentityServices
{
    /// <summary>
    /// ASP.NET Core Identity for the users: the plan's password and username rules, legacy hashes of
    /// imported users, the breached-password check and the lockout after wrong passwords (A3).
    /// </summary>
    public static IServiceCollection AddIdentityHubIdentity(this IServiceCollection services)
    {
        services.AddIdentity<IdentityHubUser, IdentityRole>(options =>
            {
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

        services.AddIdentityHubBreachCheck();
        return services;
    }
}
