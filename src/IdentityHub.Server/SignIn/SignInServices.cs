namespace IdentityHub.Server.SignIn;

public static class SignInServices
{
    /// <summary>The flow between the password and the session: its checks in order, the attempt cookie, the enrollment wizard.</summary>
    public static IServiceCollection AddIdentityHubSignIn(this IServiceCollection services)
    {
        services.AddScoped<SignInFlow>();
        services.AddScoped<EnrollmentWizard>();
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
        return services;
    }
}
