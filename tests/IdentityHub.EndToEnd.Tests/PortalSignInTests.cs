using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static IdentityHub.EndToEnd.Tests.SignInSteps;
using static Microsoft.Playwright.Assertions;

namespace IdentityHub.EndToEnd.Tests;

/// <summary>
/// A person signs in to the plan's portals through IdentityHub in a real browser (P1, P3, P11). The
/// demo user has enrolled (once per landscape, <see cref="PortalLandscape.DemoUserEnrolledAsync"/>)
/// before each test, whichever runs first.
/// </summary>
[Collection(PortalLandscapeCollection.Name)]
public sealed class PortalSignInTests(PortalLandscape landscape, BrowserSession browser)
{
    [BrowserFact]
    public async Task Signing_in_to_a_portal_shows_the_user_and_lets_the_portal_call_its_API_and_refresh()
    {
        await landscape.DemoUserEnrolledAsync(browser);
        var page = await browser.NewPageAsync();

        await SignInAsync(page, landscape, landscape.ProviderPortal);

        await Expect(SignedInAs(page)).ToContainTextAsync("Dana Demo");
        var subject = await SubjectAsync(page);
        Assert.Matches("^[0-9a-f]{32}$", subject);
        await Expect(Claims(page)).ToContainTextAsync("amr");
        await Expect(Claims(page)).ToContainTextAsync("pwd");
        await Expect(Claims(page)).ToContainTextAsync("urn:identityhub:acr:aal2");

        await page.GetByRole(AriaRole.Button, new() { Name = "Call the API", Exact = true }).ClickAsync();
        await Expect(Heading(page, "API result")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(subject);

        await page.GetByRole(AriaRole.Button, new() { Name = "Refresh tokens", Exact = true }).ClickAsync();
        await Expect(Heading(page, "Refresh tokens")).ToBeVisibleAsync();
        await Expect(page.GetByText(new Regex("^Tokens refreshed at "))).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task A_second_portal_signs_in_without_asking_for_the_password_again()
    {
        await landscape.DemoUserEnrolledAsync(browser);
        var page = await browser.NewPageAsync();
        await SignInAsync(page, landscape, landscape.ProviderPortal);
        var passwordPages = 0;
        page.FrameNavigated += (_, frame) => passwordPages += frame.Url.Contains("/account/login", StringComparison.Ordinal) ? 1 : 0;

        await page.GotoAsync(landscape.MemberPortal.ToString());
        await Expect(Heading(page, "Member portal")).ToBeVisibleAsync();
        await SignInLink(page).ClickAsync();

        await Expect(SignedInAs(page)).ToBeVisibleAsync();
        await Expect(Heading(page, "Member portal")).ToBeVisibleAsync();
        Assert.StartsWith(landscape.MemberPortal.ToString(), page.Url, StringComparison.Ordinal);
        Assert.Equal(0, passwordPages);
    }

    [BrowserFact]
    public async Task Signing_out_asks_for_confirmation_and_ends_the_single_sign_on_session()
    {
        await landscape.DemoUserEnrolledAsync(browser);
        var page = await browser.NewPageAsync();
        await SignInAsync(page, landscape, landscape.ProviderPortal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Expect(Heading(page, "Sign out")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign out", Exact = true }).ClickAsync();

        await Expect(SignInLink(page)).ToBeVisibleAsync();
        Assert.StartsWith(landscape.ProviderPortal.ToString(), page.Url, StringComparison.Ordinal);
        // The IdentityHub session is gone too: the member portal now needs the password.
        await page.GotoAsync(landscape.MemberPortal.ToString());
        await SignInLink(page).ClickAsync();
        await Expect(Heading(page, "Sign in")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Password")).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task A_remembered_device_skips_the_code_until_the_user_forgets_it()
    {
        await landscape.DemoUserEnrolledAsync(browser);
        var page = await browser.NewPageAsync();

        // A sign-in with the code, with "Remember this device".
        await page.GotoAsync(landscape.ProviderPortal.ToString());
        await SignInLink(page).ClickAsync();
        await EnterPasswordAsync(page, landscape);
        await EnterEmailedCodeAsync(page, landscape, rememberDevice: true);
        await Expect(SignedInAs(page)).ToBeVisibleAsync();
        await SignOutAsync(page);

        // The password alone now reaches the portal.
        await SignInLink(page).ClickAsync();
        await EnterPasswordAsync(page, landscape);
        await Expect(SignedInAs(page)).ToBeVisibleAsync();

        // Forget the device on the account page: changes need a fresh code first.
        await page.GotoAsync(new Uri(landscape.Server, "account/security").ToString());
        await Expect(Heading(page, "Account security")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table).Filter(new() { HasText = "Remembered until" })).ToContainTextAsync("Chrome");
        await page.GetByRole(AriaRole.Button, new() { Name = "Forget all devices", Exact = true }).ClickAsync();
        await EnterEmailedCodeAsync(page, landscape);
        await Expect(Heading(page, "Account security")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Forget all devices", Exact = true }).ClickAsync();
        await Expect(page.GetByText("No device is remembered. Every sign-in asks for a security code.")).ToBeVisibleAsync();

        await SignOutAtPortalAsync(page, landscape.ProviderPortal);
        await SignInLink(page).ClickAsync();
        await EnterPasswordAsync(page, landscape);
        await Expect(Heading(page, "Enter your security code")).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task A_wrong_code_is_refused_in_plain_words_and_the_right_one_then_works()
    {
        await landscape.DemoUserEnrolledAsync(browser);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(landscape.ProviderPortal.ToString());
        await SignInLink(page).ClickAsync();
        await EnterPasswordAsync(page, landscape);
        await Expect(Heading(page, "Enter your security code")).ToBeVisibleAsync();
        var code = landscape.EmailedCode(DemoEmail);

        await page.GetByLabel("Security code").FillAsync(code == "000000" ? "111111" : "000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That code is not correct");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "1-800-555-0100", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText(new Regex("^[0-9A-Z]{4}-[0-9A-Z]{4}$"))).ToBeVisibleAsync();

        await page.GetByLabel("Security code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();
        await Expect(SignedInAs(page)).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task A_wrong_password_shows_a_plain_error_and_keeps_the_username()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(landscape.ProviderPortal.ToString());
        await SignInLink(page).ClickAsync();

        await EnterPasswordAsync(page, landscape, "not the password at all");

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The username or password you entered is incorrect");
        await Expect(page.GetByLabel("Username")).ToHaveValueAsync(landscape.User.UserName);
        Assert.StartsWith(landscape.Server.ToString(), page.Url, StringComparison.Ordinal);
    }
}
