using System.Net;
using IdentityHub.Data;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Server.Terms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Server.Tests.Terms;

/// <summary>Terms and conditions (A5): accepted at the first sign-in and after every new version, signed by typing the name.</summary>
public sealed class TermsTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Fact]
    public async Task The_first_sign_in_asks_for_the_terms_signed_with_the_name_on_the_account()
    {
        var user = await app.CreateUserAsync("terms-" + Guid.NewGuid().ToString("N")[..6], acceptTerms: false);
        var browser = app.NewBrowser();

        var afterCode = await browser.SignInAsync(user.UserName!, returnUrl: new AuthorizationRequest().Url());
        Assert.True(Browser.IsRedirectTo(afterCode, "/account/terms"), afterCode.Headers.Location?.ToString());
        var page = await (await browser.GetAsync("/account/terms")).Content.ReadAsStringAsync();
        Assert.Contains("electronic signature", HtmlPage.TextOf(page));

        var wrongName = await browser.PostPageFormAsync(page, "/account/terms", new Dictionary<string, string> { ["FirstName"] = "Someone", ["LastName"] = "Else" });
        Assert.Equal(HttpStatusCode.OK, wrongName.StatusCode);
        Assert.Contains("does not match the name on your account", await wrongName.TextAsync());

        var accepted = await browser.PostPageFormAsync(page, "/account/terms", new Dictionary<string, string> { ["FirstName"] = " rosa ", ["LastName"] = "RAMIREZ" });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var authorization = AuthorizationResult.From(await browser.GetAsync(accepted.Headers.Location!.ToString()), new AuthorizationRequest());
        Assert.Equal(TestClients.RedirectUri, authorization.Location!.GetLeftPart(UriPartial.Path));

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>();
        var acceptance = await db.TermsAcceptances.SingleAsync(a => a.UserId == user.Id);
        Assert.Equal("rosa RAMIREZ", acceptance.TypedName);
        Assert.Equal(app.Clock.GetUtcNow(), acceptance.AcceptedAt, TimeSpan.FromMilliseconds(1));
        Assert.Equal((await db.TermsVersions.SingleAsync()).Id, acceptance.TermsVersionId);
    }

    [Fact]
    public async Task A_new_version_is_asked_for_at_the_next_sign_in()
    {
        await using var fresh = new IdentityHubApp();
        await fresh.InitializeAsync();
        var user = await fresh.CreateUserAsync("terms-new");
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.NewBrowser().SignInAsync(user.UserName!)).StatusCode);

        fresh.Clock.Advance(TimeSpan.FromDays(30));
        using (var scope = fresh.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<TermsService>().PublishAsync("2027-01", "Terms of use", "New terms.\n\nSecond paragraph.");
        }

        var next = await fresh.NewBrowser().SignInAsync(user.UserName!);
        Assert.True(Browser.IsRedirectTo(next, "/account/terms"), next.Headers.Location?.ToString());
    }
}
