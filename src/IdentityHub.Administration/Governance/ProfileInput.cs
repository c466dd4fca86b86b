using System.Text.RegularExpressions;

namespace IdentityHub.Administration.Governance;

/// <summary>A security profile as a platform administrator defines it (D4).</summary>
public sealed record ProfileInput(string? ClientId, string? Role, string? DisplayName, string? Description);

/// <summary>A profile's fields once checked.</summary>
internal sealed record CheckedProfile(string ClientId, string Role, string DisplayName, string? Description);

internal static partial class ProfileInputs
{
    public static CheckedProfile Check(ProfileInput input, FieldProblems problems)
    {
        var clientId = problems.Text("clientId", input.ClientId, "portal's client id", 100);
        var role = problems.Text("role", input.Role, "role", 64);
        if (role.Length > 0 && !RoleShape().IsMatch(role))
        {
            problems.Add("role", "A role is lower-case letters, digits, '-' and '_', starting with a letter (for example claims or prior-auth).");
        }

        var displayName = problems.Text("displayName", input.DisplayName, "display name", 100);
        var description = problems.Text("description", input.Description, "description", 500, required: false);
        return new CheckedProfile(clientId, role, displayName, description.Length == 0 ? null : description);
    }

    [GeneratedRegex("^[a-z][a-z0-9_-]*$")]
    private static partial Regex RoleShape();
}
