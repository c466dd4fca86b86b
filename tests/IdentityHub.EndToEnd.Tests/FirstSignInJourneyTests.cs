using IdentityHub.Core.Mfa;
using Microsoft.Playwright;
using static IdentityHub.EndToEnd.Tests.SignInSteps;
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

    [BrowserFact]
    public async Task Enroll_by_email_add_a_phone_then_sign_in_with_a_text_message()
    {
        var page = await browser.NewPageAsync();

        // First sign-in: the password, then the enrollment wizard; there is no way around it.
        await page.GotoAsync(landscape.ProviderPortal.ToString());
        await SignInLink(page).ClickAsync();
        await EnterPasswordAsync(page, landscape);
        await EnrollEmailAsync(page, landscape, DemoEmail);
        await AcceptTermsAsync(page, "Dana", "Demo");
        var recoveryCodes = await SaveRecoveryCodesAsync(page);
        await Expect(SignedInAs(page)).ToBeVisibleAsync();
        await Expect(Claims(page)).ToContainTextAsync("mail");

        // Add a mobile phone on the account page (the sign-in's code is fresh enough).
        await page.GotoAsync(new Uri(landscape.Server, "account/security").ToString());
        await Expect(Heading(page, "Account security")).ToBeVisibleAsync();
        await Expect(Methods(page)).ToContainTextAsync(DemoEmailMasked);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a method", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Text message" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
        await page.GetByLabel("Country").SelectOptionAsync("US");
        await page.GetByLabel("Mobile phone number").FillAsync("(650) 555-2652");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send code", Exact = true }).ClickAsync();
        await Expect(Heading(page, "Verify your code")).ToBeVisibleAsync();
        await Expect(page.Locator("#sent-to")).ToHaveTextAsync("We sent your 6-digit code to (***) ***-2652 by text message. It is valid for 5 minutes.");
        await page.GetByLabel("Verification code").FillAsync(landscape.TextedCode(Mobile));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();
        await Expect(Heading(page, "Account security")).ToBeVisibleAsync();
        await Expect(Methods(page)).ToContainTextAsync("(***) ***-2652");

        // Sign out, and in again: the code goes by email; try another method, by text message.
        await SignOutAtPortalAsync(page, landscape.ProviderPortal);
        await SignInLink(page).ClickAsync();
        await EnterPasswordAsync(page, landscape);
        await Expect(Heading(page, "Enter your security code")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send a text message to (***) ***-2652" }).ClickAsync();
        await Expect(page.Locator("#sent-to")).ToHaveTextAsync("We sent your 6-digit code to (***) ***-2652 by text message. It is valid for 5 minutes.");
        await page.GetByLabel("Security code").FillAsync(landscape.TextedCode(Mobile));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();

        await Expect(SignedInAs(page)).ToBeVisibleAsync();
        await Expect(Claims(page)).ToContainTextAsync("sms");

        // Add an authenticator app: the key is read from the page and codes computed here (M12).
        await page.GotoAsync(new Uri(landscape.Server, "account/security").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a method", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Authenticator app" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
        await Expect(Heading(page, "Set up your authenticator app")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code for your authenticator app" })).ToBeVisibleAsync();
        var keyLine = await page.GetByText(new System.Text.RegularExpressions.Regex("^Or type this key into the app: ")).InnerTextAsync();
        var secret = Totp.FromBase32(keyLine["Or type this key into the app: ".Length..].Trim());
        await page.GetByLabel("Code from the app").FillAsync(Totp.CodeAt(secret, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();
        await Expect(Heading(page, "Account security")).ToBeVisibleAsync();
        await Expect(Methods(page)).ToContainTextAsync("Authenticator app");

        // Next sign-in: try another method, the app. (The next step's code: the one just used cannot be used twice.)
        await SignOutAtPortalAsync(page, landscape.ProviderPortal);
        await SignInLink(page).ClickAsync();
        await EnterPasswordAsync(page, landscape);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use your authenticator app" }).ClickAsync();
        await Expect(page.Locator("#sent-to")).ToHaveTextAsync("Use Authenticator app.");
        await Expect(page.GetByText("Enter the 6-digit code.")).ToBeVisibleAsync();
        await page.GetByLabel("Security code").FillAsync(Totp.CodeAt(secret, DateTimeOffset.UtcNow.AddSeconds(30)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();
        await Expect(Claims(page)).ToContainTextAsync("otp");

        // A recovery code from the first enrollment also signs in, and says how many are left.
        await SignOutAtPortalAsync(page, landscape.ProviderPortal);
        await SignInLink(page).ClickAsync();
        await EnterPasswordAsync(page, landscape);
        await page.GetByRole(AriaRole.Link, new() { Name = "Use a recovery code", Exact = true }).ClickAsync();
        await Expect(Heading(page, "Use a recovery code")).ToBeVisibleAsync();
        await page.GetByLabel("Recovery code").FillAsync(recoveryCodes[0].ToLowerInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Use this code", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You have 9 recovery codes left.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
        await Expect(SignedInAs(page)).ToBeVisibleAsync();

        // Signed in in a second browser too; "sign out everywhere else" from the first ends it.
        var other = await browser.NewPageAsync();
        await other.GotoAsync(landscape.ProviderPortal.ToString());
        await SignInLink(other).ClickAsync();
        await EnterPasswordAsync(other, landscape);
        await other.GetByRole(AriaRole.Button, new() { Name = $"Send an email to {DemoEmailMasked}" }).ClickAsync();
        await Expect(other.Locator("#sent-to")).ToHaveTextAsync($"We sent your 6-digit code to {DemoEmailMasked} by email. It is valid for 5 minutes.");
        await other.GetByLabel("Security code").FillAsync(landscape.EmailedCode(DemoEmail));
        await other.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();
        await Expect(SignedInAs(other)).ToBeVisibleAsync();
        await other.GotoAsync(new Uri(landscape.Server, "account/security").ToString());
        await Expect(Heading(other, "Account security")).ToBeVisibleAsync();

        // The account page lists both sessions, in the reader's own time zone, and can end the other.
        await page.GotoAsync(new Uri(landscape.Server, "account/security").ToString());
        var sessions = page.GetByRole(AriaRole.Table, new() { Name = "Where you are signed in" });
        await Expect(sessions).ToContainTextAsync("This device");
        await Expect(sessions.GetByRole(AriaRole.Button, new() { Name = "Sign out Chrome on Linux" }).First).ToBeVisibleAsync();
        await Expect(sessions).Not.ToContainTextAsync("UTC");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere else", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("signed out on every other device");

        await other.ReloadAsync();
        await Expect(Heading(other, "Sign in")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(Heading(page, "Account security")).ToBeVisibleAsync();

        // Switched to Spanish in an English browser: the local times are worded in the page's language.
        await page.Locator("#language-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", new System.Text.RegularExpressions.Regex("^es"));
        await Expect(page.Locator("time[data-local-time]").First).ToHaveTextAsync(
            new System.Text.RegularExpressions.Regex(@"\b(ene|feb|mar|abr|may|jun|jul|ago|sept?|oct|nov|dic)\b"));
    }

    /// <summary>The account page's table of methods (the one with a "Sent to" column).</summary>
    private static ILocator Methods(IPage page) => page.GetByRole(AriaRole.Table).Filter(new() { HasText = "Sent to" });
}
