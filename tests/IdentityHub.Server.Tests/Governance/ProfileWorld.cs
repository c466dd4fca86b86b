using IdentityHub.Core.Organizations;
using IdentityHub.Data;
using IdentityHub.Data.Governance;
using IdentityHub.Data.Organizations;
using IdentityHub.Data.Users;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Server.Tests.Governance;

/// <summary>Security profiles, organizations and access reviews written straight into the test server's database.</summary>
internal static class ProfileWorld
{
    /// <summary>A profile of the test portal (a new role each time, so that tests sharing a server do not meet).</summary>
    public static Task<SecurityProfile> ProfileAsync(IdentityHubApp app, string displayName, string clientId = TestClients.Portal) => InScopeAsync(app, async db =>
    {
        var profile = new SecurityProfile
        {
            ClientId = clientId,
            Role = displayName.ToLowerInvariant().Replace(' ', '-') + "-" + Guid.NewGuid().ToString("N")[..6],
            DisplayName = displayName,
            Description = $"Work with {displayName.ToLowerInvariant()}.",
            CreatedAt = app.Clock.GetUtcNow(),
        };
        db.SecurityProfiles.Add(profile);
        await db.SaveChangesAsync();
        return profile;
    });

    public static Task GiveAsync(IdentityHubApp app, IdentityHubUser user, params SecurityProfile[] profiles) => InScopeAsync(app, async db =>
    {
        foreach (var profile in profiles)
        {
            db.UserProfiles.Add(new UserProfile { UserId = user.Id, ProfileId = profile.Id, AssignedAt = app.Clock.GetUtcNow() });
        }

        if (!await db.AccessReviews.AnyAsync(r => r.UserId == user.Id))
        {
            db.AccessReviews.Add(new AccessReview { UserId = user.Id, ConfirmedAt = app.Clock.GetUtcNow(), DueAt = app.Clock.GetUtcNow().AddDays(90) });
        }

        await db.SaveChangesAsync();
        return 0;
    });

    public static Task TakeAsync(IdentityHubApp app, IdentityHubUser user, SecurityProfile profile) => InScopeAsync(app, db =>
        db.UserProfiles.Where(a => a.UserId == user.Id && a.ProfileId == profile.Id).ExecuteDeleteAsync());

    /// <summary>Puts the person in a new organization whose primary administrator is "Dana Lee".</summary>
    public static Task<IdentityHubUser> InOrganizationWithAdministratorAsync(IdentityHubApp app, IdentityHubUser user) => InScopeAsync(app, async db =>
    {
        var organization = new Organization
        {
            Name = "Lakeside Family Clinic",
            TaxId = Random.Shared.Next(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Address = new PostalAddress { Line1 = "1 Main St", City = "Olympia", State = "WA", PostalCode = "98501" },
            CreatedAt = app.Clock.GetUtcNow(),
        };
        db.Organizations.Add(organization);
        var administrator = new IdentityHubUser
        {
            UserName = "dana" + Guid.NewGuid().ToString("N")[..8],
            GivenName = "Dana",
            FamilyName = "Lee",
            Email = "dana.lee@lakeside.example",
            OrganizationId = organization.Id,
            AdministrativeRole = AdministrativeRole.PrimaryAdministrator,
            SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        administrator.NormalizedUserName = administrator.UserName.ToUpperInvariant();
        db.Users.Add(administrator);
        await db.SaveChangesAsync();
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.OrganizationId, organization.Id));
        return administrator;
    });

    public static Task SuspendAsync(IdentityHubApp app, IdentityHubUser user, DateTimeOffset? at) => InScopeAsync(app, db =>
        db.AccessReviews.Where(r => r.UserId == user.Id).ExecuteUpdateAsync(set => set.SetProperty(r => r.SuspendedAt, at)));

    public static async Task<T> InScopeAsync<T>(IdentityHubApp app, Func<IdentityHubDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>());
    }
}
