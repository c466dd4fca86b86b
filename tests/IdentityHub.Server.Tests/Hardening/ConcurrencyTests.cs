using System.Net;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Hardening;

/// <summary>
/// The same change sent several times at once from one browser (double clicks, several tabs, a
/// script) ends in one outcome, and every request gets a clear answer: done, or "changed at the same
/// time elsewhere, try again" (409). Never a 500.
/// </summary>
public sealed class ConcurrencyTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    private const string ProfilePage = "/account/profile";

    [Fact]
    public async Task Parallel_name_changes_each_save_or_say_the_profile_changed_elsewhere()
    {
        var name = NewName("race");
        var user = await app.CreateUserAsync(name);
        var browser = app.NewBrowser();
        Assert.True(Browser.IsRedirectTo(await browser.SignInAsync(name), "/"));
        var page = await browser.PageAsync(ProfilePage);
        var names = Enumerable.Range(1, 8).Select(i => "Given" + i).ToList();

        var responses = await Task.WhenAll(names.Select(given => browser.PostPageFormAsync(page, ProfilePage + "?handler=Name",
            new Dictionary<string, string> { ["GivenName"] = given, ["FamilyName"] = "Racer" })));

        var saved = 0;
        foreach (var response in responses)
        {
            if (Browser.IsRedirectTo(response, ProfilePage))
            {
                saved++;
                continue;
            }

            var text = await response.TextAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{Describe(response)}: {text}");
            Assert.Contains("was changed at the same time", text);
            Assert.Contains("Nothing was saved from this form", text);
        }

        Assert.True(saved >= 1, "No name change was saved.");
        var stored = await app.QueryAsync(db => db.Users.SingleAsync(u => u.Id == user.Id));
        Assert.Contains(stored.GivenName, names);
        Assert.Equal("Racer", stored.FamilyName);
        Assert.Equal(saved, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.UserId == user.Id && e.Event == "profile.name_changed")));
    }

    [Fact]
    public async Task Parallel_sign_out_everywhere_ends_every_other_session_and_answers_each_request()
    {
        var name = NewName("racesignout");
        var user = await app.CreateUserAsync(name);
        var tokens = TokenClient.For(app);
        var other = app.NewBrowser();
        var otherTokens = (await tokens.RedeemAsync(await other.CodeFlowAsync(name, new AuthorizationRequest()))).EnsureSuccess();
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        var mine = app.NewBrowser();
        Assert.True(Browser.IsRedirectTo(await mine.SignInAsync(name, rememberDevice: true), "/"));
        var page = await mine.PageAsync(Security);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            mine.PostPageFormAsync(page, Security + "?handler=SignOutEverywhere", new Dictionary<string, string>())));

        foreach (var response in responses)
        {
            Assert.True(Browser.IsRedirectTo(response, Security) || response.StatusCode == HttpStatusCode.Conflict,
                $"{Describe(response)}: {await response.Content.ReadAsStringAsync()}");
        }

        Assert.Contains(responses, response => Browser.IsRedirectTo(response, Security));
        Assert.Equal("invalid_grant", (await tokens.RefreshAsync(otherTokens.RefreshToken)).Error);
        Assert.Equal(0, await app.QueryAsync(db => db.RememberedDevices.CountAsync(d => d.UserId == user.Id && d.RevokedAt == null)));

        Assert.Equal(1, await app.QueryAsync(db => db.RememberedDevices.CountAsync(d => d.UserId == user.Id)));
        app.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.True(Browser.IsRedirectTo(await other.GetAsync(Security), "/account/login"));
    }
}
