using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IdentityHub.EndToEnd.Tests;

/// <summary>A landscape of its own, so that its demo user has never signed in.</summary>
[CollectionDefinition(Name)]
public sealed class FirstSignInCollection : ICollectionFixture<PortalLandscape>, ICollectionFixture<BrowserSession>
{
    public const string Name = "First sign-in";
}

/// <summary>
/// A new user's MFA journey in a real browser (M1, M5, M6, M8, M10): enrollment by email at the first
/// sign-in, a text-message method added on the account page, and "Try another method" at the next sign-in.
/// </summary>
[Collection(FirstSignInCollection.Name)]
public sealed class FirstSignInJourneyTests(PortalLandscape landscape, BrowserSession browser)
{
    private const string Mobile = "+16505552652";

    [Fact]
    public async Task Enroll_by_email_add_a_phone_then_sign_in_with_a_text_message()
    {
        var page = await browser.NewPageAsync();

        // First sign-in: the password, then the enrollment wizard; there is no way around it.
        await page.GotoAsync(landscape.ProviderPortal.ToString());
        await page.Locator("#sign-in").ClickAsync();
        await SignInSteps.EnterPasswordAsync(page, landscape);
        await SignInSteps.EnrollEmailAsync(page, landscape, SignInSteps.DemoEmail);
        await Expect(page.Locator("#user-name")).ToBeVisibleAsync();
        await Expect(page.Locator("#claims")).ToContainTextAsync("mail");

        // Add a mobile phone on the account page (the sign-in's code is fresh enough).
        await page.GotoAsync(new Uri(landscape.Server, "account/security").ToString());
        await Expect(page.Locator("#methods")).ToContainTextAsync("d*****o@example.org");
        await page.Locator("#add-method").ClickAsync();
        await page.Locator("#method-sms").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.GetByLabel("Country").SelectOptionAsync("US");
        await page.GetByLabel("Mobile phone number").FillAsync("(650) 555-2652");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send code" }).ClickAsync();
        await Expect(page.Locator("#code-sent")).ToContainTextAsync("(***) ***-2652");
        await page.GetByLabel("Verification code").FillAsync(landscape.TextedCode(Mobile));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page.Locator("#methods")).ToContainTextAsync("(***) ***-2652");

        // Sign out, and in again: the code goes by email; try another method, by text message.
        await page.GotoAsync(landscape.ProviderPortal.ToString());
        await page.Locator("#sign-out").ClickAsync();
        await page.Locator("#confirm-sign-out").ClickAsync();
        await page.Locator("#sign-in").ClickAsync();
        await SignInSteps.EnterPasswordAsync(page, landscape);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Enter your security code");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send a text message to (***) ***-2652" }).ClickAsync();
        await Expect(page.Locator("#code-sent")).ToContainTextAsync("(***) ***-2652");
        await page.GetByLabel("Security code").FillAsync(landscape.TextedCode(Mobile));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();

        await Expect(page.Locator("#user-name")).ToBeVisibleAsync();
        await Expect(page.Locator("#claims")).ToContainTextAsync("sms");
    }
}
