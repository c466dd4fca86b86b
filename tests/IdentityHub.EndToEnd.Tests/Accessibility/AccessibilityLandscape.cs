using Microsoft.Playwright;
using static IdentityHub.EndToEnd.Tests.AdministrationSteps;
using static Microsoft.Playwright.Assertions;

namespace IdentityHub.EndToEnd.Tests.Accessibility;

/// <summary>
/// The administration landscape for the accessibility journeys, where the member portal is a third-party
/// app (so that signing in there shows the consent page) and a person may mistype a few codes. Its seeded
/// people have never signed in: the demo user does it by keyboard, the platform administrator at 200 % zoom,
/// and the demo practice's administrator invites one newcomer per language.
/// </summary>
public sealed class AccessibilityLandscape() : AdministrationLandscape(Settings)
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        // appsettings.Development.json registers the member portal third.
        ["IdentityHub__Clients__2__ThirdParty"] = "true",
        // The journeys enter a wrong code on several pages on purpose.
        ["IdentityHub__Mfa__Codes__MaxFailuresPerAccount"] = "10",
    };

    private readonly object _gate = new();
    private Task? _invited;

    /// <summary>The newcomer invited for the journey in a language, with a mobile number of their own (the journeys walk at the same time).</summary>
    public static Newcomer NewcomerFor(PageLanguage language) => language == PageLanguage.Spanish
        ? new("sofia.reyes", "Sofia", "Reyes", "sofia.reyes@demo-practice.example", "(650) 555-2653")
        : new("ellen.ward", "Ellen", "Ward", "ellen.ward@demo-practice.example", "(650) 555-2652");

    /// <summary>
    /// Once per landscape, in a page of its own: the demo practice's administrator signs in to the console for
    /// the first time and invites the newcomer of each language, so that every journey finds its invitation email.
    /// </summary>
    public Task NewcomersInvitedAsync(BrowserSession browser)
    {
        lock (_gate)
        {
            return _invited ??= InviteAsync(browser);
        }
    }

    /// <summary>The code in the newest email to the address, whatever the language of its subject.</summary>
    public string NewestEmailedCode(string to)
    {
        var message = Mail.Messages().LastOrDefault(m => m.To.Mailboxes.Any(box => box.Address == to))
            ?? throw new Xunit.Sdk.XunitException($"No email to {to}.");
        return Codes.In(message.TextBody);
    }

    private async Task InviteAsync(BrowserSession browser)
    {
        var page = await browser.NewPageAsync();
        await SignInToConsoleAsync(page, this, PracticeAdministrator, "demo-practice-admin@example.org", "Morgan", "Practice");
        foreach (var newcomer in new[] { NewcomerFor(PageLanguage.English), NewcomerFor(PageLanguage.Spanish) })
        {
            await page.GotoAsync(new Uri(Admin!, "Invitations/Invite").ToString());
            await page.GetByLabel("First name").FillAsync(newcomer.GivenName);
            await page.GetByLabel("Last name").FillAsync(newcomer.FamilyName);
            await page.GetByLabel("Email address").FillAsync(newcomer.Email);
            await page.GetByRole(AriaRole.Button, new() { Name = "Send the invitation", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(newcomer.Email);
        }
    }
}

/// <summary>Someone the practice invited, who has not signed up yet; <paramref name="Mobile"/> is a US number as they type it.</summary>
public sealed record Newcomer(string UserName, string GivenName, string FamilyName, string Email, string Mobile)
{
    /// <summary>The mobile number as the SMS provider is asked to text it.</summary>
    public string MobileE164 => "+1" + new string([.. Mobile.Where(char.IsAsciiDigit)]);

    /// <summary>The last four digits, which the pages show of the number.</summary>
    public string MobileLastDigits => MobileE164[^4..];
}

[CollectionDefinition(Name)]
public sealed class AccessibilityCollection : ICollectionFixture<AccessibilityLandscape>, ICollectionFixture<BrowserSession>
{
    public const string Name = "Accessibility";
}
