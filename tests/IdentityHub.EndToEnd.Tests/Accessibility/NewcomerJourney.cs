using IdentityHub.Core.Mfa;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IdentityHub.EndToEnd.Tests.Accessibility;

/// <summary>
/// An invited person's pages from the invitation to a later sign-in, each page and state scanned
/// (<see cref="ScannedPage.ScanAsync"/>): the invitation, the enrollment wizard, the terms, the recovery
/// codes, the account pages with a phone and an authenticator app added, sign-out, then a sign-in with a
/// temporary password through every challenge, a recovery code, the password change, consent, passkeys,
/// and "forgot password".
/// </summary>
public sealed class NewcomerJourney(AccessibilityLandscape landscape, BrowserSession browser, ScannedPage scanned, Newcomer newcomer)
{
    private IPage Page => scanned.Page;

    private Uri Server => landscape.Server;

    public async Task WalkAsync()
    {
        var recoveryCodes = await SignUpAndEnrollAsync();
        await AccountPagesAsync();
        await SignOutAsync();
        await SignInThroughEveryChallengeAsync(recoveryCodes[0]);
        await ConsentAsync();
        await PasskeysAsync();
        await ForgotPasswordAsync();
    }

    private async Task<IReadOnlyList<string>> SignUpAndEnrollAsync()
    {
        await Page.GotoAsync(landscape.EmailedLink(newcomer.Email, "/Account/Invitation?code="));
        await scanned.ScanAsync("invitation");
        await scanned.SubmitAsync("create-account");
        await scanned.ScanAsync("invitation, nothing entered");
        await scanned.FillAsync("Username", newcomer.UserName);
        await scanned.FillAsync("Password", AdministrationSteps.Password);
        await scanned.FillAsync("ConfirmPassword", AdministrationSteps.Password);
        await scanned.SubmitAsync("create-account");

        // The enrollment wizard: choose, where to, the code.
        await scanned.ExpectAsync("method-email");
        await scanned.ScanAsync("enrollment, choose a method");
        await scanned.SubmitAsync("continue");
        await scanned.ExpectAsync("enroll-error");
        await scanned.ScanAsync("enrollment, no method chosen");
        await Page.Locator("#method-email").CheckAsync();
        await scanned.SubmitAsync("continue");
        await scanned.ExpectAsync("Email");
        await scanned.ScanAsync("enrollment, email address");
        await scanned.FillAsync("Email", "not an address");
        await scanned.SubmitAsync("send-code");
        await scanned.ScanAsync("enrollment, email address not valid");
        await scanned.FillAsync("Email", newcomer.Email);
        await scanned.SubmitAsync("send-code");
        await scanned.ExpectAsync("Code");
        await scanned.ScanAsync("enrollment, verify the code");
        await scanned.FillAsync("Code", WrongCode(landscape.NewestEmailedCode(newcomer.Email)));
        await scanned.SubmitAsync("verify");
        await scanned.ExpectAsync("code-error");
        await scanned.ScanAsync("enrollment, wrong code");
        await scanned.SubmitAsync("resend");
        await scanned.ScanAsync("enrollment, new code sent");
        await scanned.FillAsync("Code", landscape.NewestEmailedCode(newcomer.Email));
        await scanned.SubmitAsync("verify");

        // The terms, signed by typing the name; a wrong name first.
        await scanned.ExpectAsync("accept-terms");
        await scanned.ScanAsync("terms");
        await scanned.FillAsync("FirstName", "Someone");
        await scanned.FillAsync("LastName", "Else");
        await scanned.SubmitAsync("accept-terms");
        await scanned.ExpectAsync("terms-error");
        await scanned.ScanAsync("terms, name does not match");
        await scanned.FillAsync("FirstName", newcomer.GivenName);
        await scanned.FillAsync("LastName", newcomer.FamilyName);
        await scanned.SubmitAsync("accept-terms");

        await scanned.ExpectAsync("recovery-codes");
        await scanned.ScanAsync("recovery codes");
        var codes = await Page.Locator("#recovery-codes li").AllInnerTextsAsync();
        await scanned.SubmitAsync("saved-codes");
        return [.. codes.Select(code => code.Trim())];
    }

    private async Task AccountPagesAsync()
    {
        await scanned.ExpectAsync("methods");
        await scanned.ScanAsync("account security");
        await scanned.OpenAndScanAsync(Server, "account/profile", "profile");
        await scanned.OpenAndScanAsync(Server, "account/passkeys", "passkeys, none yet");

        // A text-message method added on the account page.
        await Page.GotoAsync(new Uri(Server, "account/security").ToString());
        await scanned.SubmitAsync("add-method");
        await scanned.ScanAsync("add a method, choose");
        await Page.Locator("#method-sms").CheckAsync();
        await scanned.SubmitAsync("continue");
        await scanned.ExpectAsync("Phone");
        await scanned.ScanAsync("add a method, mobile phone number");
        await Page.Locator("#Country").SelectOptionAsync("US");
        await scanned.FillAsync("Phone", "12");
        await scanned.SubmitAsync("send-code");
        await scanned.ScanAsync("add a method, phone number not valid");
        await scanned.FillAsync("Phone", newcomer.Mobile);
        await scanned.SubmitAsync("send-code");
        await scanned.ExpectAsync("Code");
        await scanned.FillAsync("Code", landscape.TextedCode(newcomer.MobileE164));
        await scanned.SubmitAsync("verify");

        // An authenticator app: a wrong code first, then the app's.
        await scanned.ExpectAsync("methods");
        await scanned.SubmitAsync("add-method");
        await Page.Locator("#method-totp").CheckAsync();
        await scanned.SubmitAsync("continue");
        await scanned.ExpectAsync("secret-key");
        await scanned.ScanAsync("add an authenticator app");
        var secret = Totp.FromBase32(await Page.Locator("#secret-key").InnerTextAsync());
        var code = Totp.CodeAt(secret, DateTimeOffset.UtcNow);
        await scanned.FillAsync("Code", WrongCode(code));
        await scanned.SubmitAsync("verify");
        await scanned.ExpectAsync("code-error");
        await scanned.ScanAsync("add an authenticator app, wrong code");
        await scanned.FillAsync("Code", code);
        await scanned.SubmitAsync("verify");
        await scanned.ExpectAsync("methods");
        await scanned.ScanAsync("account security, three methods");
    }

    private async Task SignOutAsync()
    {
        await scanned.OpenAndScanAsync(Server, "account/signout", "sign out");
        await scanned.SubmitAsync("confirm-sign-out");
        Assert.Contains("/account/signed-out", Page.Url, StringComparison.Ordinal);
        await scanned.ScanAsync("signed out");
    }

    /// <summary>A temporary password from the help desk, every way of proving it is them, a recovery code, a password of their own.</summary>
    private async Task SignInThroughEveryChallengeAsync(string recoveryCode)
    {
        var (exit, output) = await landscape.RunServerCommandAsync("set-temporary-password", newcomer.UserName);
        Assert.True(exit == 0, output);
        var temporary = System.Text.RegularExpressions.Regex.Match(output, "Temporary password for \\S+: (\\S+)").Groups[1].Value;

        await Page.GotoAsync(landscape.ProviderPortal.ToString());
        await scanned.SubmitAsync("sign-in");
        await scanned.ExpectAsync("Input_Username");
        await scanned.ScanAsync("sign-in");
        await scanned.SubmitAsync("sign-in");
        await scanned.ScanAsync("sign-in, nothing entered");
        await scanned.FillAsync("Input_Username", newcomer.UserName);
        await scanned.FillAsync("Input_Password", "not the password");
        await scanned.SubmitAsync("sign-in");
        await scanned.ExpectAsync("sign-in-error");
        await scanned.ScanAsync("sign-in, wrong password");
        await scanned.FillAsync("Input_Password", temporary);
        await scanned.SubmitAsync("sign-in");

        await scanned.ExpectAsync("sent-to");
        await scanned.ScanAsync("code challenge, email");
        await scanned.FillAsync("Code", WrongCode(landscape.NewestEmailedCode(newcomer.Email)));
        await scanned.SubmitAsync("verify");
        await scanned.ExpectAsync("code-error");
        await scanned.ScanAsync("code challenge, wrong code");
        await scanned.SubmitAsync("resend");
        await scanned.ScanAsync("code challenge, new code sent");
        var otherMethods = Page.Locator("#other-methods button");
        await scanned.NextDocumentAfterAsync(() => otherMethods.Filter(new() { HasText = newcomer.MobileLastDigits }).ClickAsync());
        await Expect(Page.Locator("#sent-to")).ToContainTextAsync(newcomer.MobileLastDigits);
        await scanned.ScanAsync("code challenge, text message");
        await scanned.NextDocumentAfterAsync(() => otherMethods.Filter(new() { HasNotText = newcomer.MobileLastDigits }).Filter(new() { HasNotText = "@" }).ClickAsync());
        await Expect(Page.Locator("#resend")).ToHaveCountAsync(0);
        await scanned.ScanAsync("code challenge, authenticator app");

        await scanned.SubmitAsync("use-recovery-code");
        await scanned.ScanAsync("recovery code");
        await scanned.FillAsync("Code", "AAAA-BBBB");
        await scanned.SubmitAsync("use-code");
        await scanned.ExpectAsync("recovery-error");
        await scanned.ScanAsync("recovery code, not valid");
        await scanned.FillAsync("Code", recoveryCode);
        await scanned.SubmitAsync("use-code");
        await scanned.ExpectAsync("recovery-accepted");
        await scanned.ScanAsync("recovery code, accepted");
        await scanned.SubmitAsync("continue");

        // The temporary password is replaced by one of their own.
        await scanned.ExpectAsync("password-temporary");
        await scanned.ScanAsync("choose a new password");
        await scanned.FillAsync("NewPassword", "short");
        await scanned.FillAsync("ConfirmPassword", "different");
        await scanned.SubmitAsync("change-password");
        await scanned.ScanAsync("choose a new password, refused");
        await scanned.FillAsync("NewPassword", NewPassword);
        await scanned.FillAsync("ConfirmPassword", NewPassword);
        await scanned.SubmitAsync("change-password");
        await Expect(Page.Locator("#user-name")).ToBeVisibleAsync();
    }

    /// <summary>The member portal is a third-party app in this landscape: it asks for consent.</summary>
    private async Task ConsentAsync()
    {
        await Page.GotoAsync(landscape.MemberPortal.ToString());
        await scanned.SubmitAsync("sign-in");
        await scanned.ExpectAsync("allow");
        await scanned.ScanAsync("consent");
        await scanned.SubmitAsync("allow");
        await Expect(Page.Locator("#user-name")).ToBeVisibleAsync();
    }

    /// <summary>A passkey added through Chromium's virtual authenticator, so that the list has one.</summary>
    private async Task PasskeysAsync()
    {
        var cdp = await Page.Context.NewCDPSessionAsync(Page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        await Page.GotoAsync(new Uri(Server, "account/passkeys").ToString());
        await scanned.SubmitAsync("add-passkey");
        await scanned.ExpectAsync("passkeys");
        await scanned.ScanAsync("passkeys, one added");
    }

    /// <summary>Forgot password in a browser signed out: every step, each with its error.</summary>
    private async Task ForgotPasswordAsync()
    {
        var page = await ScannedPage.OpenAsync(browser, scanned.Language);
        await page.OpenAndScanAsync(Server, "account/forgot-password", "forgot password");
        await page.SubmitAsync("next");
        await page.ScanAsync("forgot password, nothing entered");
        await page.OpenAndScanAsync(Server, "account/forgot-password?expired=true", "forgot password, timed out");
        await page.FillAsync("Input_Username", newcomer.UserName);
        await page.FillAsync("Input_Email", newcomer.Email);
        await page.SubmitAsync("next");
        await page.ExpectAsync("Code");
        await page.ScanAsync("forgot password, verify it's you");
        var code = landscape.NewestEmailedCode(newcomer.Email);
        await page.FillAsync("Code", WrongCode(code));
        await page.SubmitAsync("verify");
        await page.ExpectAsync("code-error");
        await page.ScanAsync("forgot password, wrong code");
        await page.FillAsync("Code", code);
        await page.SubmitAsync("verify");
        await page.ExpectAsync("NewPassword");
        await page.ScanAsync("forgot password, new password");
        await page.SubmitAsync("change-password");
        await page.ScanAsync("forgot password, new password missing");
        await page.FillAsync("NewPassword", NewPassword + " again");
        await page.FillAsync("ConfirmPassword", NewPassword + " again");
        await page.SubmitAsync("change-password");
        await page.ExpectAsync("password-changed");
        await page.ScanAsync("forgot password, done");
    }

    private const string NewPassword = "Willow harbor 17 gently";

    /// <summary>A six-digit code that is not <paramref name="code"/>.</summary>
    private static string WrongCode(string code) => code == "000000" ? "111111" : "000000";
}
