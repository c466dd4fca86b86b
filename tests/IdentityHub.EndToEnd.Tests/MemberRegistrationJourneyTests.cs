using Microsoft.Playwright;
using Npgsql;
using static IdentityHub.EndToEnd.Tests.SignInSteps;
using static Microsoft.Playwright.Assertions;

namespace IdentityHub.EndToEnd.Tests;

/// <summary>
/// A member creates their own account in a real browser (A15): from the member portal's sign-in page, proves their
/// membership with the details on their card, chooses a username and password, enters the emailed code, enrolls
/// MFA, accepts the terms and lands signed in at the member portal.
/// </summary>
[Collection(PortalLandscapeCollection.Name)]
public sealed class MemberRegistrationJourneyTests(PortalLandscape landscape, BrowserSession browser)
{
    private const string Password = "amber lantern over quiet hills";

    [BrowserFact]
    public async Task A_member_creates_an_account_from_the_member_portal_and_is_signed_in()
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
