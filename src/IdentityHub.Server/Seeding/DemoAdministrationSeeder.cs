using IdentityHub.Core.Organizations;
using IdentityHub.Data;
using IdentityHub.Data.Organizations;
using IdentityHub.Data.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Seeding;

/// <summary>
/// Beside the demo user, for trying the admin console next to the token server: a demo platform administrator,
/// and a demo organization with its primary administrator. Created on first start with random passwords printed
/// once (stored only as hashes), like the demo user's; each signs in with a code from the development outbox.
/// </summary>
internal sealed partial class DemoAdministrationSeeder(
    UserManager<IdentityHubUser> users,
    IdentityHubDbContext db,
    TimeProvider time,
    ILogger<DemoAdministrationSeeder> logger)
{
    public const string PlatformAdministrator = "demo-admin";
    public const string PracticeAdministrator = "demo-practice-admin";
    public const string OrganizationName = "Demo Family Practice";

    /// <summary>A Tax ID no real organization has (the IRS issues no 00 prefix).</summary>
    public const string OrganizationTaxId = "000000001";

    public async Task SeedAsync()
    {
        await CreateAsync(PlatformAdministrator, "Pat", "Platform", "demo-admin@example.org", AdministrativeRole.PlatformAdministrator, organizationId: null);

        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.TaxId == OrganizationTaxId);
        if (organization is null)
        {
            organization = new Organization
            {
                Name = OrganizationName,
                TaxId = OrganizationTaxId,
                Address = new PostalAddress { Line1 = "1 Demo Street", City = "Albany", State = "NY", PostalCode = "12207" },
                Phone = "+15185550100",
                CreatedAt = time.GetUtcNow(),
            };
            db.Organizations.Add(organization);
            await db.SaveChangesAsync();
        }

        await CreateAsync(PracticeAdministrator, "Morgan", "Practice", "demo-practice-admin@example.org", AdministrativeRole.PrimaryAdministrator, organization.Id);
    }

    private async Task CreateAsync(string userName, string givenName, string familyName, string email, AdministrativeRole role, string? organizationId)
    {
        if (await users.FindByNameAsync(userName) is not null)
        {
            return;
        }

        var password = Core.Accounts.GeneratedPasswords.New();
        var user = new IdentityHubUser
        {
            UserName = userName,
            GivenName = givenName,
            FamilyName = familyName,
            Email = email,
            EmailConfirmed = true,
            CreatedAt = time.GetUtcNow(),
            AdministrativeRole = role,
            OrganizationId = organizationId,
        };

        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create the demo administrator {userName}: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        // Printed on the console on purpose, once: this is the only way to learn it.
        Console.WriteLine($"  Demo {(role == AdministrativeRole.PlatformAdministrator ? "platform administrator" : "organization administrator (" + OrganizationName + ")")} created. Username: {userName}   Password: {password}");
        LogCreated(userName, role);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created demo administrator {UserName} ({Role})")]
    private partial void LogCreated(string userName, AdministrativeRole role);
}
