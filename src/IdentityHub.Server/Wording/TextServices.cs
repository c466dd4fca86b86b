using IdentityHub.Hosting.Branding;
using IdentityHub.Hosting.Wording;
using IdentityHub.Server.Texts;

namespace IdentityHub.Server.Wording;

public static class TextServices
{
    /// <summary>The token server's texts in English and Spanish (Texts/), the plan's wording and look over them, and the language choice.</summary>
    public static IServiceCollection AddIdentityHubTexts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<ICurrentPortal, PortalOfRequest>();
        services.AddScoped<ILanguagePreferences, SavedLanguage>();
        services.AddIdentityHubWording(configuration);
        services.AddLanguageTexts();
        services.AddIdentityHubBranding(configuration);
        services.AddWordingResource<SignInText>();
        services.AddWordingResource<MfaText>();
        services.AddWordingResource<RecoveryText>();
        services.AddWordingResource<AccountText>();
        services.AddWordingResource<SmartText>();
        services.AddWordingResource<OrganizationText>();
        services.AddWordingResource<MessageText>();
        services.AddWordingResource<RuleText>();
        services.AddWordingResource<MemberText>();
        services.AddSingleton(OtherHostsTexts.Console);
        return services;
    }
}
