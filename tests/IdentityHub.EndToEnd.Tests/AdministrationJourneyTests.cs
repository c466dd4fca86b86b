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

    [BrowserFact]
    public async Task A_practice_administrator_unlocks_a_locked_colleague_and_resets_anothers_second_factors()
    {
        const string lockedEmail = "lee.chen@demo-practice.example";
        const string resetEmail = "ana.ruiz@demo-practice.example";

        // The demo practice's administrator invites two colleagues, who sign up.
        var administrator = await browser.NewPageAsync();
        await SignInToConsoleAsync(administrator, landscape, landscape.PracticeAdministrator, "demo-practice-admin@example.org", "Morgan", "Practice");
        foreach (var (given, family, email) in new[] { ("Lee", "Chen", lockedEmail), ("Ana", "Ruiz", resetEmail) })
        {
            await administrator.GotoAsync(new Uri(landscape.Admin!, "Invitations/Invite").ToString());
            await administrator.GetByLabel("First name").FillAsync(given);
            await administrator.GetByLabel("Last name").FillAsync(family);
            await administrator.GetByLabel("Email address").FillAsync(email);
            await administrator.GetByRole(AriaRole.Button, new() { Name = "Send the invitation", Exact = true }).ClickAsync();
            await Expect(administrator.GetByRole(AriaRole.Main)).ToContainTextAsync(email);
            await AcceptInvitationAsync(await browser.NewPageAsync(), landscape, email, $"{given}.{family}".ToLowerInvariant(), given, family);
        }

        // Lee mistypes his code until his account locks.
        var lee = await browser.NewPageAsync();
        await lee.GotoAsync(landscape.ProviderPortal.ToString());
        await SignInLink(lee).ClickAsync();
        await EnterPasswordAsync(lee, landscape, Password, "lee.chen");
        await Expect(Heading(lee, "Enter your security code")).ToBeVisibleAsync();
        var code = landscape.EmailedCode(lockedEmail);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await lee.GetByLabel("Security code").FillAsync(code == "000000" ? "111111" : "000000");
            await lee.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();
        }

        await Expect(lee.GetByRole(AriaRole.Main)).ToContainTextAsync("Too many wrong codes");

        // He calls his administrator, who unlocks the account in the console; the answer carries a reference.
        await OpenPersonAsync(administrator, landscape, "Lee Chen");
        await administrator.GetByRole(AriaRole.Button, new() { Name = "Unlock the account", Exact = true }).ClickAsync();
        await Expect(administrator.GetByRole(AriaRole.Main)).ToContainTextAsync(new System.Text.RegularExpressions.Regex("[A-Z0-9]{4}-[A-Z0-9]{4}"));

        // Lee signs in with his code now.
        var leeAgain = await browser.NewPageAsync();
        await leeAgain.GotoAsync(landscape.ProviderPortal.ToString());
        await SignInLink(leeAgain).ClickAsync();
        await EnterPasswordAsync(leeAgain, landscape, Password, "lee.chen");
        await Expect(Heading(leeAgain, "Enter your security code")).ToBeVisibleAsync();
        await leeAgain.GetByLabel("Security code").FillAsync(landscape.EmailedCode(lockedEmail));
        await leeAgain.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();
        await Expect(SignedInAs(leeAgain)).ToContainTextAsync("Lee Chen");

        // Ana lost her phone: the administrator resets her second factors, after confirming.
        await OpenPersonAsync(administrator, landscape, "Ana Ruiz");
        await administrator.GetByRole(AriaRole.Link, new() { Name = "Reset second factors…" }).ClickAsync();
        await administrator.GetByRole(AriaRole.Button, new() { Name = "Yes, reset their second factors", Exact = true }).ClickAsync();
        await Expect(administrator.GetByRole(AriaRole.Main)).ToContainTextAsync(new System.Text.RegularExpressions.Regex("[A-Z0-9]{4}-[A-Z0-9]{4}"));
        Assert.Contains(landscape.Mail.Messages(), message => message.To.Mailboxes.Any(box => box.Address == resetEmail) && message.TextBody?.Contains("second", StringComparison.OrdinalIgnoreCase) == true);

        // Her next sign-in asks her to set up a second factor again, after her password.
        var ana = await browser.NewPageAsync();
        await ana.GotoAsync(landscape.ProviderPortal.ToString());
        await SignInLink(ana).ClickAsync();
        await EnterPasswordAsync(ana, landscape, Password, "ana.ruiz");
        await Expect(Heading(ana, "Set up multi-factor authentication")).ToBeVisibleAsync();
    }

    private static async Task OpenPersonAsync(IPage page, AdministrationLandscape landscape, string name)
    {
        await page.GotoAsync(new Uri(landscape.Admin!, "People").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(name);
    }

    private static async Task FillAsync(IPage page, Dictionary<string, string> fields)
    {
        foreach (var (id, value) in fields)
        {
            await page.Locator("#" + id).FillAsync(value);
        }
    }
}
