namespace IdentityHub.Server.Members.Registration;

public static class RegistrationServices
{
    /// <summary>Members creating their own account (A15): the proof, the email code and the account with its member link.</summary>
    public static IServiceCollection AddIdentityHubMemberRegistration(this IServiceCollection services)
    {
        services.AddScoped<MemberProofs>();
        services.AddScoped<ExistingAccountNotice>();
        services.AddScoped<RegistrationCodes>();
        services.AddScoped<MemberAccountCreation>();
        return services;
    }
}
