using Microsoft.Playwright;
using static IdentityHub.EndToEnd.Tests.SignInSteps;
using static Microsoft.Playwright.Assertions;

namespace IdentityHub.EndToEnd.Tests;

/// <summary>What administrators and invitees do on the console's and the token server's pages.</summary>
public static class AdministrationSteps
{
    /// <summary>A person's first sign-in after their password: email enrolled, terms signed, recovery codes saved.</summary>
    public static async Task FirstSecondFactorAsync(IPage page, AdministrationLandscape landscape, string email, string givenName, string familyName)
    {
        await EnrollEmailAsync(page, landscape, email);
        await AcceptTermsAsync(page, givenName, familyName);
        await SaveRecoveryCodesAsync(page);
    }

    /// <summary>Opens the console signed out: it sends the browser to sign in at the token server, and back.</summary>
    public static async Task SignInToConsoleAsync(IPage page, AdministrationLandscape landscape, DemoUser user, string email, string givenName, string familyName)
    {
        await page.GotoAsync(landscape.Admin!.ToString());
        await EnterPasswordAsync(page, landscape, user.Password, user.UserName);
        await FirstSecondFactorAsync(page, landscape, email, givenName, familyName);
        await Expect(Heading(page, "Administration")).ToBeVisibleAsync();
    }

    /// <summary>The invitation email's link: a username and a password twice, then the first sign-in's steps.</summary>
    public static async Task AcceptInvitationAsync(IPage page, AdministrationLandscape landscape, string email, string userName, string givenName, string familyName)
    {
        await page.GotoAsync(landscape.EmailedLink(email, "/Account/Invitation?code="));
        await page.GetByLabel("Username").FillAsync(userName);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Password again").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account", Exact = true }).ClickAsync();
        await FirstSecondFactorAsync(page, landscape, email, givenName, familyName);
    }

    /// <summary>The password every invitee of these journeys chooses.</summary>
    public const string Password = "Lantern orchard 42 quietly";
}
