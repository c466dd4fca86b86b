using IdentityHub.Core.Organizations;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Tests.Seeding;

/// <summary>The demo seeding gives the admin console someone to sign in as: a platform administrator and a demo organization's primary administrator.</summary>
public sealed class DemoAdministrationSeederTests
{
    [Fact]
    public async Task With_the_demo_user_come_a_platform_administrator_and_a_demo_organization_with_its_primary_administrator()
    {
        await using var app = new IdentityHubApp().With("IdentityHub:SeedDemoUser", "true");
        await app.InitializeAsync();
        _ = app.Server;

        var seeded = await app.QueryAsync(db => db.Users.Where(u => u.UserName == "demo-admin" || u.UserName == "demo-practice-admin")
            .OrderBy(u => u.UserName).Select(u => new { u.UserName, u.AdministrativeRole, u.OrganizationId }).ToListAsync());
        var organization = await app.QueryAsync(db => db.Organizations.SingleAsync(o => o.TaxId == "000000001"));

        Assert.Equal(2, seeded.Count);
        Assert.Equal(("demo-admin", AdministrativeRole.PlatformAdministrator, (string?)null), (seeded[0].UserName, seeded[0].AdministrativeRole, seeded[0].OrganizationId));
        Assert.Equal(("demo-practice-admin", AdministrativeRole.PrimaryAdministrator, organization.Id), (seeded[1].UserName, seeded[1].AdministrativeRole, seeded[1].OrganizationId));
        Assert.Equal("Demo Family Practice", organization.Name);
    }
}
