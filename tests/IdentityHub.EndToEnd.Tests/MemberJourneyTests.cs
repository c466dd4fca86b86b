using Microsoft.Playwright;
using Npgsql;
using static IdentityHub.EndToEnd.Tests.SignInSteps;
using static Microsoft.Playwright.Assertions;

namespace IdentityHub.EndToEnd.Tests;

/// <summary>The portals with the SMART samples beside them: the FHIR API and the member app.</summary>
public sealed class MemberLandscape() : PortalLandscape(withMemberApps: true);

[CollectionDefinition(Name)]
public sealed class MemberCollection : ICollectionFixture<MemberLandscape>, ICollectionFixture<BrowserSession>
{
    public const string Name = "Members";
}

/// <summary>
/// A plan member with only their member card, in a real browser (A15, P12, P13): from the member portal's sign-in
/// page they prove their membership, choose a username and password, enter the emailed code, enroll MFA, accept
/// the terms and land signed in at the member portal. Then they connect a health app to their record (a SMART
/// standalone launch), untick one kind of record at consent, see the app read only what they left ticked, and
/// disconnect it from their account page, after which the app's refresh token no longer works.
/// </summary>
[Collection(MemberCollection.Name)]
public sealed class MemberJourneyTests(MemberLandscape landscape, BrowserSession browser)
{
    private const string Password = "amber lantern over quiet hills";

    [BrowserFact]
    public async Task A_member_creates_an_account_connects_an_app_to_part_of_their_record_and_disconnects_it()
    {
        await SeedDemoRosterAsync();
        var userName = "maria-" + Guid.NewGuid().ToString("N")[..6];
        var email = userName + "@example.org";
        var page = await browser.NewPageAsync();

        await page.GotoAsync(landscape.MemberPortal.ToString());
        await SignInLink(page).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Create an account", Exact = true }).ClickAsync();

        await Expect(Heading(page, "Confirm you are a member")).ToBeVisibleAsync();
        await page.GetByLabel("Member ID", new() { Exact = true }).FillAsync("m100-200-300");
        await page.GetByLabel("Month", new() { Exact = true }).FillAsync("4");
        await page.GetByLabel("Day", new() { Exact = true }).FillAsync("12");
        await page.GetByLabel("Year", new() { Exact = true }).FillAsync("1950");
        await page.GetByLabel("Last name", new() { Exact = true }).FillAsync("Rivera");
        await page.GetByLabel("ZIP code", new() { Exact = true }).FillAsync("33101");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();

        await Expect(Heading(page, "Create your sign-in")).ToBeVisibleAsync();
        await Expect(page.Locator("#member-confirmed")).ToHaveTextAsync("Thank you, Maria. We found your membership.");
        await page.GetByLabel("Username", new() { Exact = true }).FillAsync(userName);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Type the password again", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Email address", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Type the email address again", new() { Exact = true }).FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();

        await Expect(Heading(page, "Check your email")).ToBeVisibleAsync();
        await page.GetByLabel("Code from the email", new() { Exact = true }).FillAsync(landscape.EmailedCode(email));
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account", Exact = true }).ClickAsync();

        // The same steps as any new account: MFA enrollment, the terms, the recovery codes, then the portal.
        await EnrollEmailAsync(page, landscape, email);
        await AcceptTermsAsync(page, "Maria", "Rivera");
        await SaveRecoveryCodesAsync(page);
        await Expect(SignedInAs(page)).ToBeVisibleAsync();
        Assert.StartsWith(landscape.MemberPortal.ToString(), page.Url, StringComparison.Ordinal);

        // The health app's standalone launch: already signed in, so straight to consent, naming the app and its publisher.
        await page.GotoAsync(landscape.MemberApp!.ToString());
        await page.Locator("#connect").ClickAsync();
        await Expect(page.Locator("#client-name")).ToHaveTextAsync("Health Diary");
        await Expect(page.Locator("#publisher")).ToContainTextAsync("Example Health Apps, Inc.");
        var observations = page.Locator("input[type=checkbox][value='patient/Observation.rs']");
        await Expect(observations).ToBeCheckedAsync();
        await Expect(page.Locator("input[type=checkbox][value='launch/patient']")).ToBeDisabledAsync();
        await observations.UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow", Exact = true }).ClickAsync();

        // The app reads the member's own record, except what they did not share.
        await Expect(page.Locator("#patient-name")).ToContainTextAsync("Maria Rivera");
        await Expect(page.Locator("#granted-scopes")).ToContainTextAsync("patient/Condition.rs");
        await Expect(page.Locator("#granted-scopes")).Not.ToContainTextAsync("patient/Observation.rs");
        await Expect(page.Locator("#observations")).ToHaveAttributeAsync("data-shared", "false");
        await Expect(page.Locator("#conditions")).ToHaveAttributeAsync("data-shared", "true");
        await Expect(page.Locator("#coverage")).ToHaveAttributeAsync("data-shared", "true");

        // The member disconnects it from their account page; the app's refresh token stops working at once.
        await page.GotoAsync(new Uri(landscape.Server, "account/apps").ToString());
        await Expect(page.Locator("#app-member-app")).ToContainTextAsync("Health Diary");
        await page.Locator("#disconnect-member-app").ClickAsync();
        await Expect(page.Locator("#no-apps")).ToBeVisibleAsync();
        await page.GotoAsync(landscape.MemberApp.ToString());
        await page.Locator("#refresh").ClickAsync();
        await Expect(page.Locator("#refresh-result")).ToContainTextAsync("invalid_grant");
    }

    /// <summary>The development seed's roster members, in case this database has none (the seed adds them too).</summary>
    private async Task SeedDemoRosterAsync()
    {
        await using var connection = new NpgsqlConnection(landscape.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO "RosterMembers" ("NormalizedMemberId", "MemberId", "DateOfBirth", "GivenName", "FamilyName", "NormalizedFamilyName", "PostalCode", "PatientId", "ImportedAt")
            VALUES ('M100200300', 'M100200300', DATE '1950-04-12', 'Maria', 'Rivera', 'RIVERA', '33101', 'rivera-maria', now()),
                   ('M100200301', 'M100200301', DATE '1962-11-03', 'Thanh', 'Nguyen', 'NGUYEN', '77002', 'nguyen-thanh', now())
            ON CONFLICT ("NormalizedMemberId") DO NOTHING
            """, connection);
        await command.ExecuteNonQueryAsync();
    }
}
