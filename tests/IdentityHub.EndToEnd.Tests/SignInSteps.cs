using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IdentityHub.EndToEnd.Tests;

/// <summary>What a person does on IdentityHub's pages, step by step.</summary>
public static class SignInSteps
{
    /// <summary>The email the demo user enrolls for codes.</summary>
    public const string DemoEmail = "dana.demo@example.org";

    /// <summary>From the portal's home page: Sign in, password, then the second factor, back to the portal.</summary>
    public static async Task SignInAsync(IPage page, PortalLandscape landscape, Uri portal, bool rememberDevice = false)
    {
        await page.GotoAsync(portal.ToString());
        await page.Locator("#sign-in").ClickAsync();
        await EnterPasswordAsync(page, landscape);
        await SecondFactorAsync(page, landscape, rememberDevice);
        await Expect(page.Locator("#user-name")).ToBeVisibleAsync();
        Assert.StartsWith(portal.ToString(), page.Url, StringComparison.Ordinal);
    }

    public static async Task EnterPasswordAsync(IPage page, PortalLandscape landscape, string? password = null)
    {
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await page.GetByLabel("Username").FillAsync(landscape.User.UserName);
        await page.GetByLabel("Password").FillAsync(password ?? landscape.User.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    /// <summary>The first time: enroll the demo email. Afterwards: the code sent to it.</summary>
    public static async Task SecondFactorAsync(IPage page, PortalLandscape landscape, bool rememberDevice = false)
    {
        await page.WaitForURLAsync(url => url.Contains("/account/mfa/", StringComparison.Ordinal));
        if (page.Url.Contains("/account/mfa/enroll", StringComparison.Ordinal))
        {
            await EnrollEmailAsync(page, landscape, DemoEmail);
            return;
        }

        if (page.Url.Contains("/account/mfa/recovery-codes", StringComparison.Ordinal) || page.Url.Contains("/account/terms", StringComparison.Ordinal))
        {
            await SaveRecoveryCodesIfShownAsync(page);
            return;
        }

        await Expect(page.Locator("#sent-to")).ToContainTextAsync("d*****o@example.org");
        await page.GetByLabel("Security code").FillAsync(landscape.EmailedCode(DemoEmail));
        if (rememberDevice)
        {
            await page.GetByLabel("Remember this device").CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
    }

    /// <summary>The enrollment wizard with an email address (seed 002's sequence).</summary>
    public static async Task<IReadOnlyList<string>> EnrollEmailAsync(IPage page, PortalLandscape landscape, string email)
    {
        await Expect(page.Locator("h1")).ToHaveTextAsync("Set up multi-factor authentication");
        await page.Locator("#method-email").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send code" }).ClickAsync();
        await Expect(page.Locator("#code-sent")).ToContainTextAsync("This code is only valid for 5 minutes.");
        await page.GetByLabel("Verification code").FillAsync(landscape.EmailedCode(email));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        return await SaveRecoveryCodesIfShownAsync(page);
    }

    /// <summary>The first sign-in's terms (A5): read, and signed by typing the name on the account.</summary>
    public static async Task AcceptTermsIfShownAsync(IPage page)
    {
        if (!page.Url.Contains("/account/terms", StringComparison.Ordinal))
        {
            return;
        }

        await Expect(page.Locator("#terms-text")).ToContainTextAsync("electronic signature");
        await page.GetByLabel("First name").FillAsync("Dana");
        await page.GetByLabel("Last name").FillAsync("Demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "I accept" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/terms", StringComparison.Ordinal));
    }

    /// <summary>After the first enrollment the recovery codes are shown once; the person saves them.</summary>
    public static async Task<IReadOnlyList<string>> SaveRecoveryCodesIfShownAsync(IPage page)
    {
        await page.WaitForURLAsync(url => !url.Contains("/account/mfa/enroll", StringComparison.Ordinal));
        await AcceptTermsIfShownAsync(page);
        if (!page.Url.Contains("/account/mfa/recovery-codes", StringComparison.Ordinal))
        {
            return [];
        }

        var codes = await page.Locator("#recovery-codes code").AllTextContentsAsync();
        Assert.Equal(10, codes.Count);
        await page.GetByRole(AriaRole.Button, new() { Name = "I have saved my codes" }).ClickAsync();
        return [.. codes];
    }
}
