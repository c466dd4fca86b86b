using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IdentityHub.EndToEnd.Tests;

/// <summary>
/// What a person does on IdentityHub's and the portals' pages, step by step. Each step expects the
/// page it works on, so a page that is missing or another one shown instead fails the step.
/// </summary>
public static partial class SignInSteps
{
    /// <summary>The email the demo user enrolls for codes.</summary>
    public const string DemoEmail = "dana.demo@example.org";

    /// <summary>How the challenge page shows <see cref="DemoEmail"/>.</summary>
    public const string DemoEmailMasked = "d*****o@example.org";

    /// <summary>A heading of the page, matched whole.</summary>
    public static ILocator Heading(IPage page, string name) =>
        page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true });

    /// <summary>The portal's "Sign in" link (signed out).</summary>
    public static ILocator SignInLink(IPage page) => page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true });

    /// <summary>"Signed in as … (subject …)." on the portal's home page.</summary>
    public static ILocator SignedInAs(IPage page) => page.GetByText(SignedInLine());

    /// <summary>The portal's claims table (the only table on its home page).</summary>
    public static ILocator Claims(IPage page) => page.GetByRole(AriaRole.Table);

    /// <summary>The subject shown on the portal's home page.</summary>
    public static async Task<string> SubjectAsync(IPage page) =>
        SignedInLine().Match(await SignedInAs(page).InnerTextAsync()).Groups["subject"].Value;

    /// <summary>The demo user's first sign-in in a page of its own: password, email enrolled, terms, recovery codes, the portal.</summary>
    public static async Task FirstSignInAsync(BrowserSession browser, PortalLandscape landscape)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(landscape.ProviderPortal.ToString());
        await SignInLink(page).ClickAsync();
        await EnterPasswordAsync(page, landscape);
        await EnrollEmailAsync(page, landscape, DemoEmail);
        await AcceptTermsAsync(page, "Dana", "Demo");
        await SaveRecoveryCodesAsync(page);
        await Expect(SignedInAs(page)).ToBeVisibleAsync();
    }

    /// <summary>From the portal's home page: Sign in, password, the emailed code, back to the portal (the demo user has enrolled).</summary>
    public static async Task SignInAsync(IPage page, PortalLandscape landscape, Uri portal, bool rememberDevice = false)
    {
        await page.GotoAsync(portal.ToString());
        await SignInLink(page).ClickAsync();
        await EnterPasswordAsync(page, landscape);
        await EnterEmailedCodeAsync(page, landscape, rememberDevice);
        await Expect(SignedInAs(page)).ToBeVisibleAsync();
        Assert.StartsWith(portal.ToString(), page.Url, StringComparison.Ordinal);
    }

    /// <summary>The sign-in page: username and password.</summary>
    public static async Task EnterPasswordAsync(IPage page, PortalLandscape landscape, string? password = null, string? userName = null)
    {
        await Expect(Heading(page, "Sign in")).ToBeVisibleAsync();
        await page.GetByLabel("Username").FillAsync(userName ?? landscape.User.UserName);
        await page.GetByLabel("Password").FillAsync(password ?? landscape.User.Password);
        // The page has two buttons starting "Sign in": the password one is matched exactly.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    /// <summary>The challenge page with a code sent to the demo email: the code from the inbox.</summary>
    public static async Task EnterEmailedCodeAsync(IPage page, PortalLandscape landscape, bool rememberDevice = false)
    {
        await Expect(Heading(page, "Enter your security code")).ToBeVisibleAsync();
        await Expect(page.Locator("#sent-to")).ToHaveTextAsync($"We sent your 6-digit code to {DemoEmailMasked} by email. It is valid for 5 minutes.");
        await page.GetByLabel("Security code").FillAsync(landscape.EmailedCode(DemoEmail));
        if (rememberDevice)
        {
            await page.GetByLabel("Remember this device").CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();
    }

    /// <summary>The enrollment wizard with an email address (the steps of M6), up to the code's verification.</summary>
    public static async Task EnrollEmailAsync(IPage page, PortalLandscape landscape, string email)
    {
        await Expect(Heading(page, "Set up multi-factor authentication")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Email" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send code", Exact = true }).ClickAsync();
        await Expect(Heading(page, "Verify your code")).ToBeVisibleAsync();
        await Expect(page.Locator("#sent-to")).ToContainTextAsync("It is valid for 5 minutes.");
        await page.GetByLabel("Verification code").FillAsync(landscape.EmailedCode(email));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();
    }

    /// <summary>The first sign-in's terms (A5): read, and signed by typing the name on the account.</summary>
    public static async Task AcceptTermsAsync(IPage page, string firstName, string lastName)
    {
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "I accept", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("electronic signature");
        await page.GetByLabel("First name").FillAsync(firstName);
        await page.GetByLabel("Last name").FillAsync(lastName);
        await page.GetByRole(AriaRole.Button, new() { Name = "I accept", Exact = true }).ClickAsync();
    }

    /// <summary>After the first enrollment the recovery codes are shown once; the person saves them.</summary>
    public static async Task<IReadOnlyList<string>> SaveRecoveryCodesAsync(IPage page)
    {
        await Expect(Heading(page, "Save your recovery codes")).ToBeVisibleAsync();
        var codes = await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Listitem).AllInnerTextsAsync();
        Assert.Equal(10, codes.Count);
        await page.GetByRole(AriaRole.Button, new() { Name = "I have saved my codes", Exact = true }).ClickAsync();
        return [.. codes.Select(code => code.Trim())];
    }

    /// <summary>At the portal: Sign out, confirmed at IdentityHub, back to the portal signed out.</summary>
    public static async Task SignOutAtPortalAsync(IPage page, Uri portal)
    {
        await page.GotoAsync(portal.ToString());
        await SignOutAsync(page);
    }

    /// <summary>From the portal's signed-in home page: Sign out, confirmed at IdentityHub.</summary>
    public static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Expect(Heading(page, "Sign out")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign out", Exact = true }).ClickAsync();
        await Expect(SignInLink(page)).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"^Signed in as (?<name>.+) \(subject (?<subject>[^)]*)\)\.$")]
    private static partial Regex SignedInLine();
}
