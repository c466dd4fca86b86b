using IdentityHub.Core.Mfa;
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
        var recoveryCodes = await SignInSteps.EnrollEmailAsync(page, landscape, SignInSteps.DemoEmail);
        Assert.Equal(10, recoveryCodes.Count);
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

        // Add an authenticator app: the key is read from the page and codes computed here (M12).
        await page.GotoAsync(new Uri(landscape.Server, "account/security").ToString());
        await page.Locator("#add-method").ClickAsync();
        await page.Locator("#method-totp").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.Locator("#qr-code")).ToBeVisibleAsync();
        var secret = Totp.FromBase32((await page.Locator("#secret-key").TextContentAsync())!);
        await page.GetByLabel("Code from the app").FillAsync(Totp.CodeAt(secret, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page.Locator("#methods")).ToContainTextAsync("Authenticator app");

        // Next sign-in: try another method, the app. (The next step's code: the one just used cannot be used twice.)
        await SignOutAtPortalAsync(page);
        await page.Locator("#sign-in").ClickAsync();
        await SignInSteps.EnterPasswordAsync(page, landscape);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use your authenticator app" }).ClickAsync();
        await page.GetByLabel("Security code").FillAsync(Totp.CodeAt(secret, DateTimeOffset.UtcNow.AddSeconds(30)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page.Locator("#claims")).ToContainTextAsync("otp");

        // A recovery code from the first enrollment also signs in, and says how many are left.
        await SignOutAtPortalAsync(page);
        await page.Locator("#sign-in").ClickAsync();
        await SignInSteps.EnterPasswordAsync(page, landscape);
        await page.Locator("#use-recovery-code").ClickAsync();
        await page.GetByLabel("Recovery code").FillAsync(recoveryCodes[0].ToLowerInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Use this code" }).ClickAsync();
        await Expect(page.Locator("#recovery-accepted")).ToContainTextAsync("You have 9 recovery codes left.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.Locator("#user-name")).ToBeVisibleAsync();

        // Signed in in a second browser too; "sign out everywhere else" from the first ends it.
        var other = await browser.NewPageAsync();
        await other.GotoAsync(landscape.ProviderPortal.ToString());
        await other.Locator("#sign-in").ClickAsync();
        await SignInSteps.EnterPasswordAsync(other, landscape);
        await other.GetByRole(AriaRole.Button, new() { Name = "Send an email to d*****o@example.org" }).ClickAsync();
        await Expect(other.Locator("#code-sent")).ToContainTextAsync("d*****o@example.org");
        await other.GetByLabel("Security code").FillAsync(landscape.EmailedCode(SignInSteps.DemoEmail));
        await other.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(other.Locator("#user-name")).ToBeVisibleAsync();
        await other.GotoAsync(new Uri(landscape.Server, "account/security").ToString());
        await Expect(other.Locator("h1")).ToHaveTextAsync("Account security");

        await page.GotoAsync(new Uri(landscape.Server, "account/security").ToString());
        await page.Locator("#sign-out-everywhere").ClickAsync();
        await Expect(page.Locator("#security-notice")).ToContainTextAsync("signed out on every other device");

        await other.ReloadAsync();
        await Expect(other.Locator("h1")).ToHaveTextAsync("Sign in");
        await page.ReloadAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Account security");
    }

    private async Task SignOutAtPortalAsync(IPage page)
    {
        await page.GotoAsync(landscape.ProviderPortal.ToString());
        await page.Locator("#sign-out").ClickAsync();
        await page.Locator("#confirm-sign-out").ClickAsync();
        await Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
    }
}
