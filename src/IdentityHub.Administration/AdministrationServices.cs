using IdentityHub.Accounts;
using IdentityHub.Administration.Audit;
using IdentityHub.Administration.Governance;
using IdentityHub.Administration.Invitations;
using IdentityHub.Administration.Organizations;
using IdentityHub.Administration.People;
using IdentityHub.Administration.Registrations;
using IdentityHub.Administration.Texts;
using IdentityHub.Hosting.Wording;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IdentityHub.Administration;

public static class AdministrationServices
{
    /// <summary>
    /// The application services of delegated administration, the same for the admin API, its console and
    /// the token server's own pages (invitations, registration requests). Needs the database registered.
    /// </summary>
    public static IServiceCollection AddIdentityHubAdministration(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<TokenServerLinks>();
        services.AddScoped<AdminCallers>();
        services.AddScoped<AdminAudit>();
        services.AddScoped<AdminMail>();
        services.AddLanguageTexts();
        services.AddWordingResource<AdministrationMailText>();
        services.AddScoped<OrganizationDirectory>();
        services.AddScoped<LocationDirectory>();
        services.AddScoped<PeopleDirectory>();
        services.AddScoped<InvitationRegister>();
        services.AddScoped<RegistrationDesk>();
        services.AddIdentityHubSharedAccounts();
        services.AddScoped<AccountActions>();
        services.AddScoped<PersonConnectedApps>();
        services.AddScoped<ReferenceLookup>();
        services.AddScoped<ProfileCatalog>();
        services.AddScoped<OrganizationGrants>();
        services.AddScoped<PersonProfiles>();
        services.AddScoped<AccessReviews>();
        services.AddScoped<RecertificationRun>();
        services.AddOptions<GovernanceOptions>()
            .BindConfiguration(GovernanceOptions.Section)
            .ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<GovernanceOptions>, GovernanceOptionsValidator>();
        services.AddScoped<AuditSearch>();
        services.AddScoped<Clients.ClientRegistry>();
        services.AddScoped<Clients.InitialAccessTokens>();
        services.TryAddScoped<Data.Audit.AuditVerifier>();
        services.AddOptions<AccountActionOptions>()
            .BindConfiguration(AccountActionOptions.Section)
            .Validate(actions => actions.PasswordResetLinkLifetime > TimeSpan.Zero && actions.PasswordResetLinkLifetime <= TimeSpan.FromDays(7),
                $"{AccountActionOptions.Section}:PasswordResetLinkLifetime must be a positive duration of at most 7 days (for example 24:00:00).")
            .ValidateOnStart();
        services.AddOptions<InvitationOptions>()
            .BindConfiguration(InvitationOptions.Section)
            .Validate(invitations => invitations.LinkLifetime > TimeSpan.Zero && invitations.ListedFor >= invitations.LinkLifetime,
                $"{InvitationOptions.Section}:LinkLifetime must be a positive duration (for example 72:00:00) and {InvitationOptions.Section}:ListedFor at least as long (for example 7.00:00:00).")
            .ValidateOnStart();
        return services;
    }
}
