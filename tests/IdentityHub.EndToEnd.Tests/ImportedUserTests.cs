using Microsoft.Playwright;
using static IdentityHub.EndToEnd.Tests.SignInSteps;
using static Microsoft.Playwright.Assertions;

namespace IdentityHub.EndToEnd.Tests;

/// <summary>
/// Migration (A10) as an operator and a person live it: <c>import-users</c> run as a real
/// process against the server's database, then the migrated user's first sign-in in Chromium with the
/// old password, which is too weak for today's policy: MFA enrollment, a new password, the terms, the portal.
/// </summary>
[Collection(PortalLandscapeCollection.Name)]
public sealed class ImportedUserTests(PortalLandscape landscape, BrowserSession browser)
{
    private const string OldPassword = "password123";
    private const string OldPasswordBcrypt = "$2b$04$ABCDEFGHIJKLMNOPQRSTUuEcRYeuid1nn8kuwh7ZbpkotRIrG04uq";
    private const string NewPassword = "amber lantern over quiet hills";

    [BrowserFact]
    public async Task A_migrated_user_signs_in_with_the_old_password_enrolls_chooses_a_new_one_and_accepts_the_terms()
    {
        var userName = "migrated-" + Guid.NewGuid().ToString("N")[..6];
        var email = userName + "@clinic.example";
        var file = Path.Combine(Path.GetTempPath(), userName + ".csv");
        await File.WriteAllTextAsync(file, $"""
            username,given_name,family_name,email,phone,organization,password_hash
            {userName},Rosa,Ramirez,{email},(650) 555-2652,Bayview Clinic,{OldPasswordBcrypt}
            {userName};bad,Rosa,Ramirez,,,,{OldPasswordBcrypt}
            """);
        try
        {
            var (exit, output) = await ImportAsync(file);
            Assert.True(exit == 1, output);
            Assert.Contains("Imported: 1", output, StringComparison.Ordinal);
            Assert.Contains($"line 3 ({userName};bad): A username cannot contain these characters: ;", output, StringComparison.Ordinal);

            var (again, secondOutput) = await ImportAsync(file);
            Assert.True(again == 1, secondOutput);
            Assert.Contains("Skipped:  1", secondOutput, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }

        var page = await browser.NewPageAsync();
        await page.GotoAsync(landscape.ProviderPortal.ToString());
        await SignInLink(page).ClickAsync();
        await EnterPasswordAsync(page, landscape, OldPassword, userName);

        // MFA first (the imported email and phone are contact details, not methods), then the new password.
        await EnrollEmailAsync(page, landscape, email);
        await Expect(Heading(page, "Choose a new password")).ToBeVisibleAsync();
        await Expect(page.GetByText("Your password does not meet the current password rules. Choose a new one to continue.")).ToBeVisibleAsync();
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("New password again").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save new password", Exact = true }).ClickAsync();

        await AcceptTermsAsync(page, "Rosa", "Ramirez");
        await SaveRecoveryCodesAsync(page);

        await Expect(SignedInAs(page)).ToContainTextAsync("Rosa Ramirez");
        Assert.StartsWith(landscape.ProviderPortal.ToString(), page.Url, StringComparison.Ordinal);

        // The old password is gone; the new one signs in.
        await SignOutAsync(page);
        await SignInLink(page).ClickAsync();
        await EnterPasswordAsync(page, landscape, OldPassword, userName);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("username or password you entered is incorrect");
        await page.GetByLabel("Password").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(Heading(page, "Enter your security code")).ToBeVisibleAsync();
    }

    private Task<(int Exit, string Output)> ImportAsync(string file) => landscape.RunServerCommandAsync("import-users", file);
}
