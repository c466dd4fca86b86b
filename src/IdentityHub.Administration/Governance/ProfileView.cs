using IdentityHub.Data.Governance;

namespace IdentityHub.Administration.Governance;

/// <summary>A security profile as the API and console show it; <see cref="Version"/> is its ETag.</summary>
public sealed record ProfileView(string Id, string ClientId, string Role, string DisplayName, string? Description, DateTimeOffset CreatedAt, string Version)
{
    public static ProfileView Of(SecurityProfile profile) =>
        new(profile.Id, profile.ClientId, profile.Role, profile.DisplayName, profile.Description, profile.CreatedAt, profile.ConcurrencyStamp);
}
