namespace IdentityHub.Server.Account;

public static class AccountServices
{
    /// <summary>
    /// The account's life: forgot username and password (A6, A7), security questions (A8), temporary
    /// passwords, turning accounts off and on, and the job that turns off unused ones (A9).
    /// </summary>
    public static IServiceCollection AddIdentityHubAccounts(this IServiceCollection services)
    {
        services.AddSingleton<SteadyResponseTime>();
        services.AddScoped<UsernameReminders>();
        services.AddScoped<PasswordResets>();
        services.AddScoped<PasswordResetCompletion>();
        services.AddScoped<AccountNotices>();
        services.AddScoped<PasswordChanges>();
        services.AddScoped<SecurityQuestions>();
        services.AddScoped<TemporaryPasswords>();
        services.AddScoped<AccountSwitch>();
        services.AddScoped<InactiveAccounts>();
        services.AddHostedService<InactivityJob>();
        return services;
    }
}
