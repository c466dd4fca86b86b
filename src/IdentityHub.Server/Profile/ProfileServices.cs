namespace IdentityHub.Server.Profile;

public static class ProfileServices
{
    /// <summary>The profile page's changes of name, email address and phone number.</summary>
    public static IServiceCollection AddIdentityHubProfile(this IServiceCollection services) => services.AddScoped<ProfileChanges>();
}
