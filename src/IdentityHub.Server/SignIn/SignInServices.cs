namespace IdentityHub.Server.SignIn;

public static class SignInServices
{
    /// <summary>The flow between the password and the session: its checks in order, the attempt's cookie, the enrollment wizard.</summary>
    public static IServiceCollection AddIdentityHubSignIn(this IServiceCollection services)
    {
        services.AddSingleton<SignInAttempts>();
        services.AddScoped<SignInFlow>();
        services.AddScoped<EnrollmentWizard>();
        services.AddScoped<ChallengeChoices>();
        services.AddScoped<FreshSecondFactor>();

        // The checks between the password and the session, in order. A new step is one line here.
        services.AddScoped<ISignInCheck, MfaEnrollmentCheck>();
        services.AddScoped<ISignInCheck, MfaChallengeCheck>();
        services.AddScoped<ISignInCheck, Governance.AccessOnHoldCheck>();
        services.AddScoped<ISignInCheck, PasswordChangeCheck>();
        services.AddScoped<ISignInCheck, TermsCheck>();
        services.AddScoped<ISignInCheck, SecurityQuestionsCheck>();
        services.AddScoped<ISignInCheck, RecoveryCodesCheck>();

        return services;
    }
}
