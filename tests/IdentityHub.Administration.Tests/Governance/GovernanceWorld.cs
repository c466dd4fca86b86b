using IdentityHub.Administration.Governance;
using IdentityHub.Core.Organizations;
using IdentityHub.Data;
using IdentityHub.Data.Users;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace IdentityHub.Administration.Tests.Governance;

/// <summary>A portal, an organization holding its profiles, its administrators and people, for the governance tests.</summary>
internal sealed class GovernanceWorld
{
    public required string Portal { get; init; }

    public required string OrganizationId { get; init; }

    public required AdminCaller Platform { get; init; }

    public required AdminCaller Primary { get; init; }

    public required AdminCaller Backup { get; init; }

    public required ProfileView Claims { get; init; }

    public required ProfileView Eligibility { get; init; }

    /// <summary>A portal with two profiles, an organization holding both, with a primary and a backup administrator (with email).</summary>
    public static async Task<GovernanceWorld> CreateAsync(AdministrationDatabase database)
    {
        var portal = "provider-portal-" + Guid.NewGuid().ToString("N")[..8];
        await database.InScopeAsync(async services =>
            await services.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(new OpenIddictApplicationDescriptor { ClientId = portal, DisplayName = "Provider portal" }));
        var organization = await database.OrganizationAsync("Harbor Pediatrics " + portal[^8..]);
        var platform = await database.PersonAsync(AdministrativeRole.PlatformAdministrator);
        var primary = await WithEmailAsync(database, await database.PersonAsync(AdministrativeRole.PrimaryAdministrator, organization.Id), "Pat", "Primary");
        var backup = await WithEmailAsync(database, await database.PersonAsync(AdministrativeRole.BackupAdministrator, organization.Id), "Bo", "Backup");
        var claims = Done(await database.InScopeAsync(s => s.GetRequiredService<ProfileCatalog>().CreateAsync(platform, new ProfileInput(portal, "claims", "Claims", "Claim status and payments"))));
        var eligibility = Done(await database.InScopeAsync(s => s.GetRequiredService<ProfileCatalog>().CreateAsync(platform, new ProfileInput(portal, "eligibility", "Eligibility", null))));
        foreach (var profile in new[] { claims, eligibility })
        {
            Done(await database.InScopeAsync(s => s.GetRequiredService<OrganizationGrants>().GrantAsync(platform, organization.Id, profile.Id)));
        }

        return new GovernanceWorld { Portal = portal, OrganizationId = organization.Id, Platform = platform, Primary = primary, Backup = backup, Claims = claims, Eligibility = eligibility };
    }

    public static T Done<T>(AdminResult<T> result) =>
        result is AdminResult<T>.Done done ? done.Value : throw new Xunit.Sdk.XunitException($"Expected done, got {result}");

    /// <summary>A general user of the organization.</summary>
    public Task<AdminCaller> PersonAsync(AdministrationDatabase database) => database.PersonAsync(AdministrativeRole.GeneralUser, OrganizationId);

    private static async Task<AdminCaller> WithEmailAsync(AdministrationDatabase database, AdminCaller caller, string given, string family)
    {
        await database.QueryAsync(async db =>
        {
            var user = await db.Users.FindAsync(caller.UserId);
            user!.GivenName = given;
            user.FamilyName = family;
            user.Email = $"{given.ToLowerInvariant()}.{family.ToLowerInvariant()}.{caller.UserId[^8..]}@harbor.example";
            return await db.SaveChangesAsync();
        });
        return caller;
    }

    public static Task<IdentityHubUser> UserAsync(AdministrationDatabase database, string id) =>
        database.QueryAsync(async db => (await db.Users.FindAsync(id))!);
}
