using Microsoft.Playwright;
using IdentityHub.EndToEnd.Tests.Accessibility;
using Npgsql;
using static IdentityHub.EndToEnd.Tests.AdministrationSteps;
using static IdentityHub.EndToEnd.Tests.SignInSteps;
using static Microsoft.Playwright.Assertions;

namespace IdentityHub.EndToEnd.Tests;

/// <summary>A landscape of its own: the demo user here holds security profiles, which the other journeys' portals do not expect.</summary>
public sealed class GovernanceLandscape : AdministrationLandscape;

[CollectionDefinition(Name)]
public sealed class GovernanceCollection : ICollectionFixture<GovernanceLandscape>, ICollectionFixture<BrowserSession>
{
    public const string Name = "Governance";
}

/// <summary>
/// The guides' access-governance journeys in a real browser: ProviderOne's security profiles chosen at sign-in
/// and switched from the portal (D4, A13), and Partners' re-verification, where access an administrator did not
/// confirm in time is suspended, the person is told whom to ask, and the administrator's confirmation lets them
/// back in (D7).
/// </summary>
[Collection(GovernanceCollection.Name)]
public sealed class GovernanceJourneyTests(GovernanceLandscape landscape, BrowserSession browser)
{
    private const string ChoiceHeading = "Choose how you will work today";

    [BrowserFact]
    public async Task A_biller_chooses_and_switches_profiles_is_suspended_when_not_reconfirmed_and_gets_back_in_once_her_administrator_confirms()
    {
        await landscape.DemoUserEnrolledAsync(browser);
        // The platform's part, as its console or API does it: two profiles of the provider portal, held by the
        // demo practice; the demo user works there and was given both by the practice's administrator.
        await ArrangeAsync();

        // ProviderOne: after the code, the profile for today's work; the portal shows it.
        var biller = await browser.NewPageAsync();
        await biller.GotoAsync(landscape.ProviderPortal.ToString());
        await SignInLink(biller).ClickAsync();
        await EnterPasswordAsync(biller, landscape);
        await EnterEmailedCodeAsync(biller, landscape);
        await Expect(Heading(biller, ChoiceHeading)).ToBeVisibleAsync();
        await AxeScan.ExpectNoViolationsAsync(biller, "security profile choice");
        await ChooseAsync(biller, "Eligibility");
        await Expect(biller.Locator("#profile")).ToHaveTextAsync("eligibility");

        // Switching from the portal: the choice again, without the password.
        await biller.GetByRole(AriaRole.Link, new() { Name = "Switch profile" }).ClickAsync();
        await Expect(biller.GetByLabel("Eligibility")).ToBeCheckedAsync();
        await ChooseAsync(biller, "Claims");
        await Expect(biller.Locator("#profile")).ToHaveTextAsync("claims");

        // Partners: the 90 days pass without a confirmation, and the job (here run as the command) suspends her.
        await SqlAsync("""UPDATE "AccessReviews" SET "DueAt" = now() - interval '1 minute' WHERE "UserId" = (SELECT "Id" FROM "AspNetUsers" WHERE "UserName" = 'demo')""");
        var (exit, output) = await landscape.RunServerCommandAsync("recertify");
        Assert.True(exit == 0, output);
        Assert.Contains("1 person(s) suspended", output, StringComparison.Ordinal);

        // Her next sign-in stops after the code and names her practice's administrator.
        var suspended = await browser.NewPageAsync();
        await suspended.GotoAsync(landscape.ProviderPortal.ToString());
        await SignInLink(suspended).ClickAsync();
        await EnterPasswordAsync(suspended, landscape);
        await EnterEmailedCodeAsync(suspended, landscape);
        await Expect(Heading(suspended, "Your access is on hold")).ToBeVisibleAsync();
        await Expect(suspended.Locator("#administrators")).ToContainTextAsync("Morgan Practice");
        await AxeScan.ExpectNoViolationsAsync(suspended, "access on hold");

        // The administrator confirms her access in the console.
        var administrator = await browser.NewPageAsync();
        await SignInToConsoleAsync(administrator, landscape, landscape.PracticeAdministrator, "demo-practice-admin@example.org", "Morgan", "Practice");
        await administrator.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Access reviews" }).ClickAsync();
        await Expect(Heading(administrator, "Access reviews")).ToBeVisibleAsync();
        await Expect(administrator.Locator("#reviews")).ToContainTextAsync("Suspended");
        await AxeScan.ExpectNoViolationsAsync(administrator, "console access reviews");
        await administrator.GetByRole(AriaRole.Button, new() { Name = "Confirm the access of Dana Demo", Exact = true }).ClickAsync();
        await Expect(administrator.GetByRole(AriaRole.Main)).ToContainTextAsync("confirmed");

        // She signs in again, chooses, and is in.
        var back = await browser.NewPageAsync();
        await back.GotoAsync(landscape.ProviderPortal.ToString());
        await SignInLink(back).ClickAsync();
        await EnterPasswordAsync(back, landscape);
        await EnterEmailedCodeAsync(back, landscape);
        await ChooseAsync(back, "Claims");
        await Expect(back.Locator("#profile")).ToHaveTextAsync("claims");
    }

    private static async Task ChooseAsync(IPage page, string profile)
    {
        await Expect(Heading(page, ChoiceHeading)).ToBeVisibleAsync();
        await page.GetByLabel(profile).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
        await Expect(SignedInAs(page)).ToBeVisibleAsync();
    }

    private Task ArrangeAsync() => SqlAsync("""
        UPDATE "AspNetUsers" SET "OrganizationId" = (SELECT "Id" FROM "Organizations" WHERE "TaxId" = '000000001') WHERE "UserName" = 'demo';
        INSERT INTO "SecurityProfiles" ("Id", "ClientId", "Role", "DisplayName", "Description", "CreatedAt", "ConcurrencyStamp") VALUES
            ('e2eclaims', 'provider-portal', 'claims', 'Claims', 'Claim status, payments and appeals.', now(), 'v1'),
            ('e2eeligibility', 'provider-portal', 'eligibility', 'Eligibility', 'Members'' eligibility and benefits.', now(), 'v1');
        INSERT INTO "OrganizationProfiles" ("OrganizationId", "ProfileId", "GrantedAt")
            SELECT o."Id", p."Id", now() FROM "Organizations" o CROSS JOIN "SecurityProfiles" p WHERE o."TaxId" = '000000001';
        INSERT INTO "UserProfiles" ("UserId", "ProfileId", "AssignedAt")
            SELECT u."Id", p."Id", now() FROM "AspNetUsers" u CROSS JOIN "SecurityProfiles" p WHERE u."UserName" = 'demo';
        INSERT INTO "AccessReviews" ("UserId", "ConfirmedAt", "DueAt", "ConcurrencyStamp")
            SELECT "Id", now(), now() + interval '90 days', 'v1' FROM "AspNetUsers" WHERE "UserName" = 'demo';
        """);

    private async Task SqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(landscape.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
