using IdentityHub.Server.Tests.Infrastructure;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Mfa;

/// <summary>
/// Recent sign-in activity on the account security page (issue 17): the local time, the device and the network in
/// words, and the reference number the code page showed.
/// </summary>
public sealed class RecentActivityTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    private const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private const string IPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

    [Fact]
    public async Task Each_entry_shows_the_reference_the_code_page_showed_the_device_and_the_network_in_words()
    {
        var name = NewName("activity");
        await app.CreateUserAsync(name);
        var browser = BrowserAt(Chrome, "203.0.113.5");

        var challenge = await browser.PasswordToChallengeAsync(name);
        var shown = ReferenceOn(challenge);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var verified = await browser.VerifyAsync(challenge, app.Messages.CodeSentTo(EmailOf(name)));
        Assert.True(Browser.IsRedirectTo(verified, "/"), Describe(verified));

        var page = HtmlPage.Parse(await browser.PageAsync(Security));
        var entries = page.All("#recent-activity li").ToList();
        Assert.Equal(2, entries.Count); // the password, then the sign-in it finished
        Assert.All(entries, entry => Assert.Equal(shown, HtmlPage.TextContent(entry.QuerySelector("code")!)));
        Assert.Contains("Signed in", HtmlPage.TextContent(entries[0]));
        Assert.Contains("Password accepted", HtmlPage.TextContent(entries[1]));
        var where = HtmlPage.TextContent(entries[0].QuerySelector(".activity-where")!);
        Assert.Equal($"Chrome on Windows Network address 203.0.113.5 Reference {shown}", where);
        Assert.DoesNotContain("Mozilla", page.Text);
    }

    [Fact]
    public async Task Times_are_time_elements_the_script_converts_and_read_in_utc_without_it()
    {
        var name = NewName("when");
        await app.CreateUserAsync(name);
        var browser = BrowserAt(IPhone, "::1");
        Assert.True(Browser.IsRedirectTo(await browser.SignInAsync(name), "/"));
        var at = app.Clock.GetUtcNow();

        var html = await browser.PageAsync(Security);
        var page = HtmlPage.Parse(html);
        var time = page.Find("#recent-activity li time[data-local-time]")!;

        Assert.Equal(at.UtcDateTime, DateTime.Parse(time.GetAttribute("datetime")!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal), TimeSpan.FromSeconds(1));
        Assert.EndsWith(" UTC", HtmlPage.TextContent(time));
        Assert.Contains("local-time.js", html);
        Assert.StartsWith("Safari on iPhone A local network Reference ", HtmlPage.TextContent(page.Find("#recent-activity li .activity-where")!));
        Assert.DoesNotContain("::1", page.Text);
    }

    [Fact]
    public async Task A_wrong_password_shows_in_the_activity()
    {
        var name = NewName("wrongpw");
        await app.CreateUserAsync(name);
        var browser = BrowserAt(Chrome, "10.1.2.3");
        await browser.SubmitPasswordAsync(name, "not the password at all");
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(Browser.IsRedirectTo(await browser.SignInAsync(name), "/"));

        var page = HtmlPage.Parse(await browser.PageAsync(Security));

        var entries = page.All("#recent-activity li");
        var last = entries[^1];
        Assert.Contains("Wrong password", HtmlPage.TextContent(last));
        Assert.Contains("A local network", HtmlPage.TextContent(last));
    }

    private Browser BrowserAt(string userAgent, string address)
    {
        var browser = app.NewBrowser();
        browser.Http.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        browser.Http.DefaultRequestHeaders.Add("X-Test-Peer", address);
        return browser;
    }
}
