using System.Diagnostics;
using System.Net;
using IdentityHub.Data.Users;
using IdentityHub.Server.Account;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Server.Texts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Account;

/// <summary>
/// Forgot username (A6): an email address in, every username tied to it emailed there; the page says
/// the same thing, in about the same time, whether or not the address is known.
/// </summary>
public sealed class ForgotUsernameTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    public const string Page = "/account/forgot-username";
    private const string SentWording = "If that email address belongs to an account, we have sent the username to it. Check your inbox.";

    [Fact]
    public async Task Known_and_unknown_addresses_get_the_same_page()
    {
        var name = NewName("knownmail");
        await app.CreateUserAsync(name);

        var known = await SubmitAsync(app.NewBrowser(), EmailOf(name));
        var unknown = await SubmitAsync(app.NewBrowser(), NewName("nobody") + "@clinic.example");

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        var knownHtml = await known.Content.ReadAsStringAsync();
        Assert.Contains(SentWording, PageText.MainText(knownHtml));
        Assert.Equal(PageText.MainMarkup(knownHtml), PageText.MainMarkup(await unknown.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task The_email_lists_every_username_sharing_the_address()
    {
        var first = NewName("shared");
        var second = NewName("shared");
        var userOne = await app.CreateUserAsync(first);
        var userTwo = await app.CreateUserAsync(second);
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityHubUser>>();
            var two = await users.FindByIdAsync(userTwo.Id);
            Assert.True((await users.SetEmailAsync(two!, EmailOf(first))).Succeeded);
        }

        // Typed in another case: Identity's normalized email finds both.
        var response = await SubmitAsync(app.NewBrowser(), EmailOf(first).ToUpperInvariant());

        Assert.Contains(SentWording, await response.TextAsync());
        var message = Assert.Single(app.Messages.To(EmailOf(first)), m => m.Subject == Words.English<MessageText>("UsernameReminder.Subject"));
        Assert.Contains("Your health plan portal username(s): ", message.Body, StringComparison.Ordinal);
        Assert.Contains(first, message.Body, StringComparison.Ordinal);
        Assert.Contains(second, message.Body, StringComparison.Ordinal);
        Assert.Contains(message.Reference, message.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Messages.To(EmailOf(second)), m => m.Subject == Words.English<MessageText>("UsernameReminder.Subject"));

        var audited = await app.QueryAsync(db => db.AuditEvents.Where(e => e.Event == "account.forgot_username" && e.Reference == message.Reference).ToListAsync());
        Assert.Equal(new[] { userOne.Id, userTwo.Id }.Order(), audited.Select(e => e.UserId!).Order());
        Assert.All(audited, e => Assert.Equal("known", e.Outcome));
    }

    [Fact]
    public async Task An_unknown_address_gets_no_email_and_the_audit_log_says_unknown()
    {
        var address = NewName("ghost") + "@clinic.example";
        var before = await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Event == "account.forgot_username" && e.Outcome == "unknown"));

        var response = await SubmitAsync(app.NewBrowser(), address);

        Assert.Contains(SentWording, await response.TextAsync());
        Assert.Empty(app.Messages.To(address));
        Assert.Equal(before + 1, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Event == "account.forgot_username" && e.Outcome == "unknown")));
    }

    [Fact]
    public async Task Both_answers_take_at_least_the_minimum_time()
    {
        var name = NewName("timing");
        await app.CreateUserAsync(name);
        var minimum = SteadyResponseTime.DefaultMinimum - TimeSpan.FromMilliseconds(20);

        foreach (var address in new[] { EmailOf(name), NewName("timing") + "@clinic.example" })
        {
            var browser = app.NewBrowser();
            var html = await browser.PageAsync(Page);
            var clock = Stopwatch.StartNew();
            var response = await browser.PostPageFormAsync(html, Page, new Dictionary<string, string> { ["Email"] = address });
            clock.Stop();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(clock.Elapsed >= minimum, $"{address} answered in {clock.Elapsed.TotalMilliseconds:0} ms.");
        }
    }

    [Theory]
    [InlineData("", "Enter your email address.")]
    [InlineData("not an address", "Enter an email address like name@example.com.")]
    public async Task A_missing_or_malformed_address_is_explained_next_to_the_field(string address, string message)
    {
        var response = await SubmitAsync(app.NewBrowser(), address);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlPage.ReadAsync(response);
        Assert.Equal(message, page.TextAt("#email-error"));
        Assert.DoesNotContain(SentWording, page.Text);
    }

    [Fact]
    public async Task An_address_gets_at_most_three_reminders_an_hour_and_the_page_reads_the_same()
    {
        var name = NewName("flooded");
        await app.CreateUserAsync(name);
        var pages = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            pages.Add(PageText.MainMarkup(await (await SubmitAsync(app.NewBrowser(), EmailOf(name))).Content.ReadAsStringAsync()));
        }

        Assert.Equal(3, app.Messages.To(EmailOf(name)).Count(m => m.Subject == Words.English<MessageText>("UsernameReminder.Subject")));
        Assert.All(pages, page => Assert.Equal(pages[0], page));

        app.Clock.Advance(TimeSpan.FromMinutes(61));
        await SubmitAsync(app.NewBrowser(), EmailOf(name));
        Assert.Equal(4, app.Messages.To(EmailOf(name)).Count(m => m.Subject == Words.English<MessageText>("UsernameReminder.Subject")));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var name = NewName("forged");
        await app.CreateUserAsync(name);

        var response = await app.NewBrowser().PostFormAsync(Page, new Dictionary<string, string> { ["Email"] = EmailOf(name) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(SentWording, await response.TextAsync());
        Assert.Empty(app.Messages.To(EmailOf(name)));
    }

    private static Task<HttpResponseMessage> SubmitAsync(Browser browser, string address) =>
        browser.SubmitAsync(Page, new Dictionary<string, string> { ["Email"] = address });
}
