namespace IdentityHub.Server.Terms;

public static class TermsServices
{
    /// <summary>Versioned terms of use and their acceptances.</summary>
    public static IServiceCollection AddIdentityHubTerms(this IServiceCollection services) => services.AddScoped<TermsService>();
}
