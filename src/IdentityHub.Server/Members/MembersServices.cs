namespace IdentityHub.Server.Members;

public static class MembersServices
{
    /// <summary>Members (A15): the plan's roster and the links between members and their accounts.</summary>
    public static IServiceCollection AddIdentityHubMembers(this IServiceCollection services)
    {
        services.AddScoped<MemberLinks>();
        services.AddScoped<ImportedRoster>();
        services.AddScoped<IMemberRoster>(provider => provider.GetRequiredService<ImportedRoster>());
        return services;
    }
}
