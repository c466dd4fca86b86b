using Microsoft.Playwright;
using MimeKit;
using static IdentityHub.EndToEnd.Tests.SignInSteps;
using static Microsoft.Playwright.Assertions;

namespace IdentityHub.EndToEnd.Tests;

/// <summary>A landscape of its own: these tests lock the demo user out and change its password.</summary>
[CollectionDefinition(Name)]
public sealed class SelfServiceCollection : ICollectionFixture<PortalLandscape>, ICollectionFixture<BrowserSession>
{
    public const string Name = "Self-service";
}

/// <summary>
/// Self-service from the sign-in page in a real browser (A3, A6, A7): the username by email, and a
/// locked account unlocked by resetting the password with a code sent to the enrolled email.
/// </summary>
[Collection(SelfServiceCollection.Name)]
public sealed class SelfServiceTests(PortalLandscape landscape, BrowserSession browser)
{
    /// <summary>The demo account's own email (Identity's Email, DemoUserSeeder), not the one enrolled for codes.</summary>
    private const string AccountEmail = "demo@example.org";

    private const string NewPassword = "purple tractor sings at dawn";

    private const string WrongCredentials = "The username or password you entered is incorrect. Check them and try again.";

    [BrowserFact]
    public async Task Forgot_username_emails_the_username_and_reads_the_same_for_an_unknown_address()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(landscape.ProviderPortal.ToString());
        await SignInLink(page).ClickAsync();
        await Expect(Heading(page, "Sign in")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your username?", Exact = true }).ClickAsync();
        await Expect(Heading(page, "Forgot your username?")).ToBeVisibleAsync();
        var before = landscape.Mail.Messages().Count;
        await page.GetByLabel("Email address").FillAsync(AccountEmail);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my username" }).ClickAsync();

        await Expect(Heading(page, "Check your email")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("If that email address belongs to an account, we have sent the username to it.");
        var knownText = await page.GetByRole(AriaRole.Main).InnerTextAsync();

        var reminder = await NewEmailAsync(before, AccountEmail, "Your username");
        Assert.Contains(landscape.User.UserName, reminder.TextBody, StringComparison.Ordinal);
        Assert.Contains("username(s): " + landscape.User.UserName, reminder.TextBody, StringComparison.Ordinal);

        // An address that belongs to no account: the same page, word for word, and no email.
        const string unknown = "nobody-here@example.org";
        await page.GotoAsync(new Uri(landscape.Server, "account/forgot-username").ToString());
        await page.GetByLabel("Email address").FillAsync(unknown);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my username" }).ClickAsync();
        await Expect(Heading(page, "Check your email")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        Assert.Equal(knownText, await page.GetByRole(AriaRole.Main).InnerTextAsync());
        Assert.DoesNotContain(landscape.Mail.Messages(), m => m.To.Mailboxes.Any(box => box.Address == unknown));
    }

    [BrowserFact]
    public async Task A_locked_out_account_is_unlocked_by_resetting_the_password_with_an_emailed_code()
    {
        // The demo user has enrolled the email method, and is signed out.
        await landscape.DemoUserEnrolledAsync(browser);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(landscape.ProviderPortal.ToString());

        // Five wrong passwords lock the account.
        await SignInLink(page).ClickAsync();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var wrong = "not-the-password-" + attempt;
            await NextPageAfterAsync(page, () => EnterPasswordAsync(page, landscape, wrong));
            // Even the fifth, which locks the account, reads like any wrong password (A3: nothing confirms the account exists).
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(WrongCredentials);
        }

        // Locked: the right password is refused with the lockout message and the way out.
        await NextPageAfterAsync(page, () => EnterPasswordAsync(page, landscape));
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This account is locked after too many unsuccessful sign-in attempts.");

        // Forgot password: username and the account's email; the code goes to the enrolled email.
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password or locked out?", Exact = true }).ClickAsync();
        await Expect(Heading(page, "Reset your password")).ToBeVisibleAsync();
        var before = landscape.Mail.Messages().Count;
        await page.GetByLabel("Username").FillAsync(landscape.User.UserName);
        await page.GetByLabel("Email address").FillAsync(AccountEmail);
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        await Expect(Heading(page, "Verify it's you")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("we have sent a security code to the method on file");
        await NewEmailAsync(before, DemoEmail, "Your account security code.");
        await page.GetByLabel("Security code").FillAsync(landscape.EmailedCode(DemoEmail));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();

        await Expect(Heading(page, "Create a new password")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("New password", new() { Exact = true })).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("At least"));
        before = landscape.Mail.Messages().Count;
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("Confirm new password").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();

        await Expect(Heading(page, "Password changed")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password has been changed.");
        var notice = await NewEmailAsync(before, AccountEmail, "Your password was changed");
        Assert.Contains(landscape.User.UserName, notice.TextBody, StringComparison.Ordinal);

        // Unlocked: the new password and an emailed code sign in at the portal.
        await page.GotoAsync(landscape.ProviderPortal.ToString());
        await SignInLink(page).ClickAsync();
        await EnterPasswordAsync(page, landscape, NewPassword);
        await EnterEmailedCodeAsync(page, landscape);
        await Expect(SignedInAs(page)).ToBeVisibleAsync();
        Assert.StartsWith(landscape.ProviderPortal.ToString(), page.Url, StringComparison.Ordinal);

        // The old password no longer works, and says so the same way as any wrong password.
        await SignOutAtPortalAsync(page, landscape.ProviderPortal);
        await SignInLink(page).ClickAsync();
        await EnterPasswordAsync(page, landscape);
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(WrongCredentials);
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
    }

    /// <summary>Does what submits a form, then waits for the document that answers it (it may look the same).</summary>
    private static async Task NextPageAfterAsync(IPage page, Func<Task> submit)
    {
        await page.EvaluateAsync("() => { window.__selfServiceOldPage = true; }");
        await submit();
        await page.WaitForFunctionAsync("() => window.__selfServiceOldPage === undefined && document.readyState === 'complete'");
    }

    /// <summary>The first email to the address, with the subject, among those after the first <paramref name="skip"/>; waits a little for it.</summary>
    private async Task<MimeMessage> NewEmailAsync(int skip, string to, string subject)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (true)
        {
            var message = landscape.Mail.Messages().Skip(skip)
                .FirstOrDefault(m => m.Subject == subject && m.To.Mailboxes.Any(box => box.Address == to));
            if (message is not null)
            {
                return message;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                var seen = string.Join("\n", landscape.Mail.Messages().Select(m => $"{m.To} | {m.Subject}"));
                throw new Xunit.Sdk.XunitException($"No email \"{subject}\" to {to}. Received:\n{seen}");
            }

            await Task.Delay(200);
        }
    }
}
