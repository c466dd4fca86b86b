using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IdentityHub.EndToEnd.Tests;

/// <summary>A person signs in to the plan's portals through IdentityHub in a real browser (P1, P3, P11).</summary>
[Collection(PortalLandscapeCollection.Name)]
public sealed class PortalSignInTests(PortalLandscape landscape, BrowserSession browser)
{
    [Fact]
    public async Task Signing_in_to_a_portal_shows_the_user_and_lets_the_portal_call_its_API_and_refresh()
    {
        var page = await browser.NewPageAsync();

        await SignInAsync(page, landscape.ProviderPortal);

        await Expect(page.Locator("#user-name")).ToHaveTextAsync(new Regex("Demo"));
        var subject = (await page.Locator("#sub").TextContentAsync())!.Trim();
        Assert.Matches("^[0-9a-f]{32}$", subject);
        await Expect(page.Locator("#claims")).ToContainTextAsync("amr");
        await Expect(page.Locator("#claims")).ToContainTextAsync("pwd");
        await Expect(page.Locator("#claims")).ToContainTextAsync("urn:identityhub:acr:aal2");

        await page.Locator("#call-api").ClickAsync();
        await Expect(page.Locator("#api-result")).ToContainTextAsync(subject);

        await page.Locator("#refresh").ClickAsync();
        await Expect(page.Locator("#refresh-result")).ToContainTextAsync("Tokens refreshed");
    }

    [Fact]
    public async Task A_second_portal_signs_in_without_asking_for_the_password_again()
    {
        var page = await browser.NewPageAsync();
        await SignInAsync(page, landscape.ProviderPortal);
        var passwordPages = 0;
        page.FrameNavigated += (_, frame) => passwordPages += frame.Url.Contains("/account/login", StringComparison.Ordinal) ? 1 : 0;

        await page.GotoAsync(landscape.MemberPortal.ToString());
        await page.Locator("#sign-in").ClickAsync();

        await Expect(page.Locator("#user-name")).ToBeVisibleAsync();
        Assert.StartsWith(landscape.MemberPortal.ToString(), page.Url, StringComparison.Ordinal);
        Assert.Equal(0, passwordPages);
    }

    [Fact]
    public async Task Signing_out_asks_for_confirmation_and_ends_the_single_sign_on_session()
    {
        var page = await browser.NewPageAsync();
        await SignInAsync(page, landscape.ProviderPortal);

        await page.Locator("#sign-out").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sign out");
        await page.Locator("#confirm-sign-out").ClickAsync();

        await Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        Assert.StartsWith(landscape.ProviderPortal.ToString(), page.Url, StringComparison.Ordinal);
        // The IdentityHub session is gone too: the member portal now needs the password.
        await page.GotoAsync(landscape.MemberPortal.ToString());
        await page.Locator("#sign-in").ClickAsync();
        await Expect(page.GetByLabel("Password")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_remembered_device_skips_the_code_until_the_user_forgets_it()
    {
        var page = await browser.NewPageAsync();
        await SignInSteps.SignInAsync(page, landscape, landscape.ProviderPortal);
        await SignOutAsync(page);

        // Next sign-in: the code, with "Remember this device".
        await page.Locator("#sign-in").ClickAsync();
        await SignInSteps.EnterPasswordAsync(page, landscape);
        await SignInSteps.SecondFactorAsync(page, landscape, rememberDevice: true);
        await Expect(page.Locator("#user-name")).ToBeVisibleAsync();
        await SignOutAsync(page);

        // The password alone now reaches the portal.
        await page.Locator("#sign-in").ClickAsync();
        await SignInSteps.EnterPasswordAsync(page, landscape);
        await Expect(page.Locator("#user-name")).ToBeVisibleAsync();

        // Forget the device on the account page: changes need a fresh code first.
        await page.GotoAsync(new Uri(landscape.Server, "account/security").ToString());
        await Expect(page.Locator("#devices")).ToContainTextAsync("Chrome");
        await page.Locator("#forget-all-devices").ClickAsync();
        await SignInSteps.SecondFactorAsync(page, landscape);
        await page.Locator("#forget-all-devices").ClickAsync();
        await Expect(page.Locator("#no-devices")).ToBeVisibleAsync();

        await page.GotoAsync(landscape.ProviderPortal.ToString());
        await SignOutAsync(page);
        await page.Locator("#sign-in").ClickAsync();
        await SignInSteps.EnterPasswordAsync(page, landscape);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Enter your security code");
    }

    [Fact]
    public async Task A_wrong_code_is_refused_in_plain_words_and_the_right_one_then_works()
    {
        var page = await browser.NewPageAsync();
        await SignInSteps.SignInAsync(page, landscape, landscape.ProviderPortal);
        await SignOutAsync(page);
        await page.Locator("#sign-in").ClickAsync();
        await SignInSteps.EnterPasswordAsync(page, landscape);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Enter your security code");
        var code = landscape.EmailedCode(SignInSteps.DemoEmail);

        await page.GetByLabel("Security code").FillAsync(code == "000000" ? "111111" : "000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That code is not correct");
        await Expect(page.Locator("#help-desk")).ToContainTextAsync("1-800-555-0100");
        await Expect(page.Locator("#reference")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9A-Z]{4}-[0-9A-Z]{4}$"));

        await page.GetByLabel("Security code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page.Locator("#user-name")).ToBeVisibleAsync();
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.Locator("#sign-out").ClickAsync();
        await page.Locator("#confirm-sign-out").ClickAsync();
        await Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_wrong_password_shows_a_plain_error_and_keeps_the_username()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(landscape.ProviderPortal.ToString());
        await page.Locator("#sign-in").ClickAsync();

        await page.GetByLabel("Username").FillAsync(landscape.User.UserName);
        await page.GetByLabel("Password").FillAsync("not the password at all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The username or password you entered is incorrect");
        await Expect(page.GetByLabel("Username")).ToHaveValueAsync(landscape.User.UserName);
        Assert.StartsWith(landscape.Server.ToString(), page.Url, StringComparison.Ordinal);
    }

    private Task SignInAsync(IPage page, Uri portal) => SignInSteps.SignInAsync(page, landscape, portal);
}
