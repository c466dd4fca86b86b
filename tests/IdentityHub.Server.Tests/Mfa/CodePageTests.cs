using System.Text.RegularExpressions;
using AngleSharp.Dom;
using IdentityHub.Testing;
using IdentityHub.Server.Tests.Infrastructure;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Mfa;

/// <summary>One server for the code page tests: a help desk for every portal, and codes valid for 10 minutes.</summary>
public sealed class CodePageApp : IAsyncLifetime
{
    public const string HelpDesk = "1-800-555-0123";

    public IdentityHubApp App { get; } = new IdentityHubApp()
        .With("IdentityHub:Mfa:HelpDeskPhone", HelpDesk)
        .With("IdentityHub:Mfa:Codes:Lifetime", "00:10:00");

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => App.DisposeAsync().AsTask();
}

/// <summary>
/// What people tripped over on the code pages (issue 17): where the code went is said once, with how long it is
/// valid from the settings; the "remember" checkbox sits beside its label; the help desk and the reference, explained,
/// come right under the code form; and the first code page (enrollment) has them too.
/// </summary>
public sealed class CodePageTests(CodePageApp fixture) : IClassFixture<CodePageApp>
{
    private readonly IdentityHubApp _app = fixture.App;

    [Fact]
    public async Task The_code_page_says_once_where_the_code_went_and_how_long_it_is_valid_from_the_settings()
    {
        var name = NewName("once");
        await _app.CreateUserAsync(name);
        var browser = _app.NewBrowser();

        var html = await browser.PasswordToChallengeAsync(name);
        var page = HtmlPage.Parse(html);

        Assert.Equal($"We sent your 6-digit code to {MaskedEmailOf(name)} by email. It is valid for 10 minutes.", page.TextAt("#sent-to"));
        Assert.Single(Regex.Matches(page.Text, Regex.Escape(MaskedEmailOf(name))));
        Assert.Single(Regex.Matches(page.Text, "valid for"));
        Assert.DoesNotContain("a few minutes", page.Text, StringComparison.Ordinal);
        Assert.False(page.Has("#code-sent")); // the first code needs no second notice

        // A new code says only that; where it went is still said once.
        _app.Clock.Advance(TimeSpan.FromSeconds(31));
        var resent = await HtmlPage.ReadAsync(await browser.ResendAsync(html));
        Assert.Equal("We sent you a new code.", resent.TextAt("#code-sent"));
        Assert.Single(Regex.Matches(resent.Text, Regex.Escape(MaskedEmailOf(name))));
    }

    [Fact]
    public async Task The_remember_checkbox_sits_beside_its_label_in_one_clickable_row()
    {
        var name = NewName("checkbox");
        await _app.CreateUserAsync(name);
        var page = HtmlPage.Parse(await _app.NewBrowser().PasswordToChallengeAsync(name));

        var box = page.One("input[type=checkbox][name=RememberDevice]");
        var label = box.ParentElement!;
        Assert.Equal("LABEL", label.TagName);
        Assert.Contains("checkbox", label.ClassList);
        Assert.Equal("Remember this device for 24 hours", HtmlPage.TextContent(label));
        Assert.Equal("Only use this on a private, secure device.", page.TextAt("#" + box.GetAttribute("aria-describedby")));

        // The row: the box beside the words, in normal weight (a bold block label put the box above it).
        var css = await File.ReadAllTextAsync(Path.Combine(RepositoryLayout.Root, "src", "IdentityHub.Hosting", "wwwroot", "css", "site.css"));
        var rule = Regex.Match(css, @"(?m)^\.checkbox \{[^}]*\}").Value;
        Assert.Contains("display: flex", rule, StringComparison.Ordinal);
        Assert.Contains("font-weight: 400", rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_help_desk_and_the_explained_reference_come_right_under_the_code_form()
    {
        var name = NewName("helpdesk");
        await _app.CreateUserAsync(name);
        var page = HtmlPage.Parse(await _app.NewBrowser().PasswordToChallengeAsync(name));

        var form = page.One("#verify").Closest("form")!;
        var helpDesk = form.NextElementSibling!;
        Assert.Equal("help-desk", helpDesk.Id);
        Assert.EndsWith($"call the Help Desk: {CodePageApp.HelpDesk}", HtmlPage.TextContent(helpDesk), StringComparison.Ordinal);
        var reference = helpDesk.NextElementSibling!;
        Assert.Equal("reference-line", reference.Id);
        Assert.Matches("^Reference number: [A-Z0-9-]+ Give this number to the Help Desk if you call.$", HtmlPage.TextContent(reference));
        Assert.Equal("Give this number to the Help Desk if you call.", page.TextAt("#reference-help"));
        Assert.True(Before(page, "#reference", "#other-ways"), "The reference comes before the other ways to get a code.");
    }

    [Fact]
    public async Task The_first_code_page_shows_the_help_desk_and_remembers_this_device_when_asked()
    {
        var name = NewName("firstcode");
        await _app.CreateUserAsync(name, enrollEmail: false);
        var browser = _app.NewBrowser();
        var request = new AuthorizationRequest();
        await browser.SubmitPasswordAsync(name, returnUrl: await browser.StartAtPortalAsync(request));
        var address = name + "@home.example";
        await browser.ChooseMethodAsync("Email");
        await browser.EnterDestinationAsync(new Dictionary<string, string> { ["Email"] = address });

        var html = await browser.PageAsync(EnrollVerify);
        var page = HtmlPage.Parse(html);
        Assert.Equal($"We sent your 6-digit code to {name[0]}*****{name[^1]}@home.example by email. It is valid for 10 minutes.", page.TextAt("#sent-to"));
        Assert.EndsWith($"call the Help Desk: {CodePageApp.HelpDesk}", page.TextAt("#help-desk"), StringComparison.Ordinal);
        Assert.Equal("Give this number to the Help Desk if you call.", page.TextAt("#reference-help"));
        Assert.Equal("Remember this device for 24 hours", page.LabelOf(page.One("input[type=checkbox][name=RememberDevice]")));
        Assert.Equal("Having trouble? Try another option", page.TextAt("#try-another-option"));

        var fields = new Dictionary<string, string> { ["Code"] = _app.Messages.CodeSentTo(address), ["RememberDevice"] = "true" };
        var verified = await browser.PostPageFormAsync(html, EnrollVerify, fields);
        Assert.False(string.IsNullOrEmpty((await browser.BackToPortalAsync(verified, request)).Code));
        Assert.False(string.IsNullOrEmpty(browser.CookieValue(DeviceCookie)));

        // Signed out and back: this browser is remembered, the password is enough.
        await browser.SignOutAsync();
        var again = new AuthorizationRequest();
        var password = await browser.SubmitPasswordAsync(name, returnUrl: await browser.StartAtPortalAsync(again));
        Assert.False(string.IsNullOrEmpty((await browser.BackToPortalAsync(password, again)).Code));
    }

    [Fact]
    public async Task Adding_a_method_from_the_account_page_offers_no_remember_option()
    {
        var name = NewName("addnoremember");
        await _app.CreateUserAsync(name);
        var browser = _app.NewBrowser();
        var html = await browser.PasswordToChallengeAsync(name);
        Assert.True(Browser.IsRedirectTo(await browser.VerifyAsync(html, _app.Messages.CodeSentTo(EmailOf(name))), "/"));
        Assert.True(Browser.IsRedirectTo(await browser.PostSecurityAsync("Add"), Enroll));
        _app.Clock.Advance(TimeSpan.FromSeconds(31));
        await browser.ChooseMethodAsync("Email");
        await browser.EnterDestinationAsync(new Dictionary<string, string> { ["Email"] = name + "@second.example" });

        var page = HtmlPage.Parse(await browser.PageAsync(EnrollVerify));

        Assert.False(page.Has("input[name=RememberDevice]"));
        Assert.True(page.Has("#help-desk"));
    }

    private static bool Before(HtmlPage page, string first, string second) =>
        page.One(first).CompareDocumentPosition(page.One(second)).HasFlag(DocumentPositions.Following);
}
