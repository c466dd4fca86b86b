using IdentityHub.Core.Organizations;
using IdentityHub.Data.Users;

namespace IdentityHub.Administration.People;

/// <summary>
/// A person as their administrators see them; <see cref="IsLockedOut"/> covers both locks (wrong passwords and
/// wrong second factors); <see cref="Version"/> is what a change must name (the API's ETag).
/// </summary>
public sealed record PersonView(
    string Id,
    string? UserName,
    string? GivenName,
    string? FamilyName,
    string? Email,
    string? OrganizationId,
    string? LocationId,
    AdministrativeRole Role,
    bool IsDisabled,
    bool IsLockedOut,
    DateTimeOffset? LastSignInAt,
    string Version)
{
    public static PersonView Of(IdentityHubUser user, DateTimeOffset now) => new(
        user.Id, user.UserName, user.GivenName, user.FamilyName, user.Email, user.OrganizationId, user.LocationId, user.AdministrativeRole,
        user.DisabledByAdministratorAt is not null || user.DisabledForInactivityAt is not null,
        user.LockoutEnd > now || user.MfaLockedUntil > now,
        user.LastSignInAt,
        user.ConcurrencyStamp ?? "");
}

/// <summary>A list request: text to look for (name, username or email), the role, the organization (the plan's staff only), the order, the page.</summary>
public sealed record PeopleQuery(string? Search = null, AdministrativeRole? Role = null, string? OrganizationId = null, int Page = 1, int PageSize = 25, PeopleOrder Order = PeopleOrder.Name)
{
    public const int MaxPageSize = 100;
}

/// <summary>How a list of people is ordered: by family then given name, either way, or by the last sign-in (most recent or longest ago first; never signed in last).</summary>
public enum PeopleOrder
{
    Name,
    NameDescending,
    LastSignIn,
    LeastRecentSignIn,
}
