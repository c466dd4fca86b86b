using IdentityHub.Data.Users;
using IdentityHub.Server.Account;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Server.Tests.Lifecycle;

/// <summary>Temporary passwords (A4), password expiry (A2, legacy preset) and inactivity (A9).</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task A_temporary_password_is_replaced_after_the_second_factor_before_reaching_the_portal()
    {
        await using var app = new IdentityHubApp();
        await app.InitializeAsync();
        var user = await app.CreateUserAsync("temporary");
        await UpdateAsync(app, user.Id, u => u.MustChangePassword = true);
        var browser = app.NewBrowser();

        var afterCode = await browser.SignInAsync(user.UserName!, returnUrl: new AuthorizationRequest().Url());
        Assert.True(Browser.IsRedirectTo(afterCode, "/account/password/change"), afterCode.Headers.Location?.ToString());
        var page = await (await browser.GetAsync("/account/password/change")).Content.ReadAsStringAsync();
        Assert.Contains("temporary password", HtmlPage.TextOf(page));
        Assert.Contains("At least 8 characters", HtmlPage.TextOf(page));

        var same = await browser.PostPageFormAsync(page, "/account/password/change",
            new Dictionary<string, string> { ["NewPassword"] = TestUsers.Password, ["ConfirmPassword"] = TestUsers.Password });
        Assert.Contains("You used this password recently", await same.TextAsync());

        var changed = await browser.PostPageFormAsync(page, "/account/password/change",
            new Dictionary<string, string> { ["NewPassword"] = "amber lantern over quiet hills", ["ConfirmPassword"] = "amber lantern over quiet hills" });
        Assert.True(Browser.IsRedirectTo(changed, "/connect/authorize"), changed.Headers.Location?.ToString());
        using var scope = app.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityHubUser>>().FindByIdAsync(user.Id);
        Assert.False(stored!.MustChangePassword);
        Assert.True(await scope.ServiceProvider.GetRequiredService<UserManager<IdentityHubUser>>().CheckPasswordAsync(stored, "amber lantern over quiet hills"));
    }

    [Fact]
    public async Task Under_the_legacy_preset_a_password_older_than_a_year_must_be_changed()
    {
        // Inactivity would turn the account off first after a year; here it is set longer.
        await using var app = new IdentityHubApp().With("IdentityHub:Passwords:Preset", "Legacy").With("IdentityHub:Inactivity:DisableAfter", "1000.00:00:00");
        await app.InitializeAsync();
        var user = await app.CreateUserAsync("expiring", password: "Orange-Kayak-Moons");

        app.Clock.Advance(TimeSpan.FromDays(366));
        var afterCode = await app.NewBrowser().SignInAsync(user.UserName!, "Orange-Kayak-Moons");

        Assert.True(Browser.IsRedirectTo(afterCode, "/account/password/change"), afterCode.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Ninety_days_without_a_sign_in_turn_the_account_off_until_a_password_reset()
    {
        await using var app = new IdentityHubApp();
        await app.InitializeAsync();
        var active = await app.CreateUserAsync("active");
        var idle = await app.CreateUserAsync("idle");

        app.Clock.Advance(TimeSpan.FromDays(60));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await app.NewBrowser().SignInAsync(active.UserName!)).StatusCode);
        var signedInAt = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromDays(31));
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityHubUser>>();
            // PostgreSQL keeps microseconds; the clock has ticks.
            var stored = (await users.FindByIdAsync(active.Id))!.LastSignInAt;
            Assert.True(stored is { } at && (at - signedInAt).Duration() < TimeSpan.FromMilliseconds(1), $"LastSignInAt {stored}, signed in at {signedInAt}");
            Assert.Null((await users.FindByIdAsync(idle.Id))!.LastSignInAt);
            await scope.ServiceProvider.GetRequiredService<InactiveAccounts>().DisableAsync();
        }

        var refused = await app.NewBrowser().SubmitPasswordAsync(idle.UserName!);
        Assert.Equal(System.Net.HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("turned off because it has not been used for a long time", await refused.TextAsync());
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await app.NewBrowser().SignInAsync(active.UserName!)).StatusCode);
    }

    [Fact]
    public async Task Inactivity_turns_accounts_off_on_the_embedded_SQLite_database_too()
    {
        using var database = new SqliteFile("inactivity");
        await using var app = database.NewApp();
        await app.InitializeAsync();
        var active = await app.CreateUserAsync("sqlite-active");
        var idle = await app.CreateUserAsync("sqlite-idle");

        app.Clock.Advance(TimeSpan.FromDays(60));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await app.NewBrowser().SignInAsync(active.UserName!)).StatusCode);
        app.Clock.Advance(TimeSpan.FromDays(31));
        using var scope = app.Services.CreateScope();

        // The background job may have run on the clock's tick already; the check itself must not fail.
        await scope.ServiceProvider.GetRequiredService<InactiveAccounts>().DisableAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityHubUser>>();
        Assert.NotNull((await users.FindByIdAsync(idle.Id))!.DisabledForInactivityAt);
        Assert.Null((await users.FindByIdAsync(active.Id))!.DisabledForInactivityAt);
    }

    private static async Task UpdateAsync(IdentityHubApp app, string userId, Action<IdentityHubUser> change)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityHubUser>>();
        var user = (await users.FindByIdAsync(userId))!;
        change(user);
        await users.UpdateAsync(user);
    }
}
