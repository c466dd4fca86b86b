namespace IdentityHub.Server.Mfa;

public static class MfaServices
{
    /// <summary>Second factors: enrolled methods, sent and app codes, recovery codes, remembered devices, the lockout.</summary>
    public static IServiceCollection AddIdentityHubMfa(this IServiceCollection services)
    {
        services.AddScoped<ClientPolicies>();
        services.AddSingleton<CodeTemplates>();
        services.AddSingleton<MethodTexts>();
        services.AddSingleton<CodeMessagesForPeople>();
        services.AddScoped<MfaLockout>();
        services.AddScoped<EnrolledMethods>();
        services.AddScoped<CodeChallenges>();
        services.AddScoped<AuthenticatorApps>();
        services.AddScoped<RecoveryCodeStore>();
        services.AddScoped<RememberedDevices>();
        return services;
    }
}
