using IdentityHub.Data.Users;
using IdentityHub.Server.Account;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Account;

/// <summary>
/// An administrator turning an account off (A12, D6): its sessions end at their next check, its refresh
/// tokens stop working, the sign-in page says so only to someone with the password, a password reset
/// does not turn it back on, and turning it on lets the person in again.
/// </summary>
public sealed class AccountSwitchTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    private const string Off = "This account has been turned off by an administrator.";

    [Fact]
    public async Task Turning_an_account_off_ends_its_sessions_and_refresh_tokens()
    {
        var name = NewName("switched");
        var user = await app.CreateUserAsync(name);
        var tokens = TokenClient.For(app);
        var browser = app.NewBrowser();
        var held = (await tokens.RedeemAsync(await browser.CodeFlowAsync(name, new AuthorizationRequest()))).EnsureSuccess();

        await SwitchAsync(user.Id, enable: false);

        Assert.Equal("invalid_grant", (await tokens.RefreshAsync(held.RefreshToken)).Error);
        var again = await browser.AuthorizeAsync(new AuthorizationRequest());
        Assert.True(Browser.IsRedirectTo(again, "/account/login"), Describe(again));
        var audited = await app.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.UserId == user.Id && e.Event == "account.disabled"));
        Assert.Contains("token(s) revoked", audited.Detail);
    }

    [Fact]
    public async Task The_page_says_it_is_off_only_to_someone_with_the_password_and_a_reset_does_not_turn_it_on()
    {
        var name = NewName("offline");
        var user = await app.CreateUserAsync(name);
        await SwitchAsync(user.Id, enable: false);

        var wrong = await (await app.NewBrowser().SubmitPasswordAsync(name, "some guess or other")).TextAsync();
        Assert.Contains("The username or password you entered is incorrect", wrong);
        Assert.DoesNotContain(Off, wrong);
        Assert.Contains(Off, await (await app.NewBrowser().SubmitPasswordAsync(name)).TextAsync());

        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityHubUser>>();
            var completion = scope.ServiceProvider.GetRequiredService<PasswordResetCompletion>();
            var result = await completion.CompleteAsync((await users.FindByIdAsync(user.Id))!, "a brand new and rather long passphrase");
            Assert.True(result.Succeeded);
        }

        Assert.Contains(Off, await (await app.NewBrowser().SubmitPasswordAsync(name, "a brand new and rather long passphrase")).TextAsync());

        await SwitchAsync(user.Id, enable: true);
        var signedIn = await app.NewBrowser().SubmitPasswordAsync(name, "a brand new and rather long passphrase");
        Assert.True(Browser.IsRedirectTo(signedIn, Challenge), Describe(signedIn));
    }

    private async Task SwitchAsync(string userId, bool enable)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityHubUser>>();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountSwitch>();
        var user = (await users.FindByIdAsync(userId))!;
        if (enable)
        {
            await accounts.EnableAsync(user, "a test");
        }
        else
        {
            await accounts.DisableAsync(user, "a test");
        }
    }
}
