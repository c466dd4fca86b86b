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
    public async Task A_wrong_password_shows_a_plain_error_and_keeps_the_username()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(landscape.ProviderPortal.ToString());
        await page.Locator("#sign-in").ClickAsync();

        await page.GetByLabel("Username").FillAsync(landscape.User.UserName);
        await page.GetByLabel("Password").FillAsync("not the password at all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The username or password you entered is incorrect");
        await Expect(page.GetByLabel("Username")).ToHaveValueAsync(landscape.User.UserName);
        Assert.StartsWith(landscape.Server.ToString(), page.Url, StringComparison.Ordinal);
    }

    private async Task SignInAsync(IPage page, Uri portal)
    {
        await page.GotoAsync(portal.ToString());
        await page.Locator("#sign-in").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await page.GetByLabel("Username").FillAsync(landscape.User.UserName);
        await page.GetByLabel("Password").FillAsync(landscape.User.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#user-name")).ToBeVisibleAsync();
        Assert.StartsWith(portal.ToString(), page.Url, StringComparison.Ordinal);
    }
}
