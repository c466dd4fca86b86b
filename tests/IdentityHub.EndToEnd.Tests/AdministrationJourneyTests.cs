using Microsoft.Playwright;
using static IdentityHub.EndToEnd.Tests.AdministrationSteps;
using static IdentityHub.EndToEnd.Tests.SignInSteps;
using static Microsoft.Playwright.Assertions;

namespace IdentityHub.EndToEnd.Tests;

/// <summary>A landscape with the admin host, for the administrators' journeys.</summary>
[CollectionDefinition(Name)]
public sealed class AdministrationCollection : ICollectionFixture<AdministrationLandscape>, ICollectionFixture<BrowserSession>
{
    public const string Name = "Administration";
}

/// <summary>
/// The guides' administrator journeys in a real browser (D2, D3, D5): a practice asks to join on the public
/// page, the plan's platform administrator approves it in the console, its administrator signs up from the
/// invitation email and invites a biller, who signs up and signs in to the provider portal.
/// </summary>
[Collection(AdministrationCollection.Name)]
public sealed class AdministrationJourneyTests(AdministrationLandscape landscape, BrowserSession browser)
{
    private const string Practice = "Lakeview Family Medicine";
    private const string AdministratorEmail = "grace.okafor@lakeview.example";
    private const string BillerEmail = "sam.rivera@lakeview.example";

    [BrowserFact]
    public async Task A_practice_registers_is_approved_and_its_administrator_invites_a_biller_who_signs_in_to_the_provider_portal()
    {
        // The practice asks to join, on the public page linked from the sign-in page.
        var requester = await browser.NewPageAsync();
        await requester.GotoAsync(new Uri(landscape.Server, "account/login").ToString());
        await requester.GetByRole(AriaRole.Link, new() { Name = "Register your practice or agency" }).ClickAsync();
        await Expect(Heading(requester, "Register your practice or agency")).ToBeVisibleAsync();
        await FillAsync(requester, new()
        {
            ["Input_Name"] = Practice,
            ["Input_TaxId"] = "274810356",
            ["Input_TaxIdConfirmation"] = "274810356",
            ["Input_Line1"] = "12 Lakeview Drive",
            ["Input_City"] = "Saratoga Springs",
            ["Input_State"] = "NY",
            ["Input_PostalCode"] = "12866",
            ["Input_Phone"] = "518-555-0170",
            ["Input_PrimaryGivenName"] = "Grace",
            ["Input_PrimaryFamilyName"] = "Okafor",
            ["Input_PrimaryEmail"] = AdministratorEmail,
            ["Input_PrimaryPhone"] = "518-555-0171",
            ["Input_SecondaryGivenName"] = "Tom",
            ["Input_SecondaryFamilyName"] = "Baker",
            ["Input_SecondaryEmail"] = "tom.baker@lakeview.example",
            ["Input_SecondaryPhone"] = "518-555-0172",
        });
        await requester.GetByRole(AriaRole.Button, new() { Name = "Send the request", Exact = true }).ClickAsync();
        await Expect(Heading(requester, "We received your request")).ToBeVisibleAsync();
        await Expect(requester.Locator("#reference")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[A-Z0-9]{4}-[A-Z0-9]{4}$"));

        // The plan's platform administrator signs in to the console (first time: enrolls an email) and approves it.
        var platform = await browser.NewPageAsync();
        await SignInToConsoleAsync(platform, landscape, landscape.PlatformAdministrator, "demo-admin@example.org", "Pat", "Platform");
        await platform.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Registration requests" }).ClickAsync();
        await platform.GetByRole(AriaRole.Link, new() { Name = Practice }).ClickAsync();
        await Expect(Heading(platform, $"Registration request: {Practice}")).ToBeVisibleAsync();
        await platform.GetByRole(AriaRole.Button, new() { Name = "Approve and invite the administrators", Exact = true }).ClickAsync();
        await Expect(platform.GetByRole(AriaRole.Main)).ToContainTextAsync($"{Practice} is registered");

        // Its primary administrator follows the invitation email's link and signs up with MFA and the terms.
        var administrator = await browser.NewPageAsync();
        await AcceptInvitationAsync(administrator, landscape, AdministratorEmail, "grace.okafor", "Grace", "Okafor");
        await Expect(Heading(administrator, "Account security")).ToBeVisibleAsync();

        // In the console (already signed in at the token server), she invites a biller.
        await administrator.GotoAsync(landscape.Admin!.ToString());
        await Expect(Heading(administrator, "Administration")).ToBeVisibleAsync();
        await Expect(administrator.GetByRole(AriaRole.Main)).ToContainTextAsync(Practice);
        await administrator.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Invitations" }).ClickAsync();
        await administrator.GotoAsync(new Uri(landscape.Admin, "Invitations/Invite").ToString());
        await Expect(Heading(administrator, "Invite someone")).ToBeVisibleAsync();
        await administrator.GetByLabel("First name").FillAsync("Sam");
        await administrator.GetByLabel("Last name").FillAsync("Rivera");
        await administrator.GetByLabel("Email address").FillAsync(BillerEmail);
        await administrator.GetByRole(AriaRole.Button, new() { Name = "Send the invitation", Exact = true }).ClickAsync();
        await Expect(administrator.GetByRole(AriaRole.Main)).ToContainTextAsync(BillerEmail);

        // The biller signs up from his email and signs in to the provider portal without a second sign-in.
        var biller = await browser.NewPageAsync();
        await AcceptInvitationAsync(biller, landscape, BillerEmail, "sam.rivera", "Sam", "Rivera");
        await biller.GotoAsync(landscape.ProviderPortal.ToString());
        await SignInLink(biller).ClickAsync();
        await Expect(SignedInAs(biller)).ToContainTextAsync("Sam Rivera");
    }

    private static async Task FillAsync(IPage page, Dictionary<string, string> fields)
    {
        foreach (var (id, value) in fields)
        {
            await page.Locator("#" + id).FillAsync(value);
        }
    }
}
