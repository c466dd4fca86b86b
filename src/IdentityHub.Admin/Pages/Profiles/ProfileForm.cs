using IdentityHub.Administration.Governance;

namespace IdentityHub.Admin.Pages.Profiles;

/// <summary>The profile form's fields, named as the service names its problems (role → Input.Role).</summary>
public sealed class ProfileForm
{
    public string? ClientId { get; set; }

    public string? Role { get; set; }

    public string? DisplayName { get; set; }

    public string? Description { get; set; }

    public ProfileInput ToInput() => new(ClientId, Role, DisplayName, Description);

    public static ProfileForm From(ProfileView profile) => new()
    {
        ClientId = profile.ClientId,
        Role = profile.Role,
        DisplayName = profile.DisplayName,
        Description = profile.Description,
    };
}
