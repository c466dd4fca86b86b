using IdentityHub.Data.Users;
using IdentityHub.Server.Import;
using IdentityHub.Server.Passwords;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Server.Tests.Import;

/// <summary>
/// An imported user's first sign-in (A10): the legacy hash is verified and replaced; a password
/// that meets the current policy is kept, one that does not is changed after the second factor; then
/// terms. Wrong passwords count toward lockout as usual.
/// </summary>
public sealed class ImportedSignInTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    private const string Good = "amber lantern over quiet hills";
    private const string Weak = "password123";

    [Theory]
    [InlineData(ImportUsersTests.Bcrypt)]
    [InlineData("pbkdf2_sha256$1000$Na3lt$/fec7NbpU0/dE7z8WilDwYBH8+SDXUa0Y57oB0WdccQ=")]
    [InlineData("sha256$s4lt$b1fc2bd7832d16d2c16d837c73adb5b7ff087fb308a593188edfe57cb07915e0")]
    public async Task A_legacy_password_that_meets_the_policy_is_kept_under_a_new_hash(string legacyHash)
    {
        var user = await ImportAsync(legacyHash);

        var response = await app.NewBrowser().SubmitPasswordAsync(user.UserName!, Good);

        Assert.True(Browser.IsRedirectTo(response, MfaSteps.Enroll), MfaSteps.Describe(response));
        var stored = await ReloadAsync(user);
        Assert.False(LegacyAwarePasswordHasher.IsLegacy(stored.PasswordHash));
        Assert.False(stored.MustChangePassword);
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<IdentityHubUser>().VerifyHashedPassword(stored, stored.PasswordHash!, Good));
        // The legacy hash is discarded, not kept as history; the password's age counts from now.
        Assert.Equal(0, await app.QueryAsync(db => db.PasswordHistory.CountAsync(entry => entry.UserId == user.Id)));
        Assert.Equal(app.Clock.GetUtcNow(), stored.PasswordChangedAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal("kept", await app.QueryAsync(db => db.AuditEvents.Where(e => e.UserId == user.Id && e.Event == "password.legacy_verified").Select(e => e.Outcome).SingleAsync()));
    }

    [Fact]
    public async Task A_legacy_password_below_the_policy_must_be_changed_after_enrollment_then_terms()
    {
        var user = await ImportAsync("$2b$04$ABCDEFGHIJKLMNOPQRSTUuEcRYeuid1nn8kuwh7ZbpkotRIrG04uq");
        var browser = app.NewBrowser();

        var password = await browser.SubmitPasswordAsync(user.UserName!, Weak, new AuthorizationRequest().Url());
        Assert.True(Browser.IsRedirectTo(password, MfaSteps.Enroll), MfaSteps.Describe(password));
        Assert.True((await ReloadAsync(user)).MustChangePassword);
        Assert.False(LegacyAwarePasswordHasher.IsLegacy((await ReloadAsync(user)).PasswordHash));
        Assert.Equal("change_required", await app.QueryAsync(db => db.AuditEvents.Where(e => e.UserId == user.Id && e.Event == "password.legacy_verified").Select(e => e.Outcome).SingleAsync()));

        var email = user.UserName + "@mail.example";
        var enrolled = await browser.EnrollAsync(app, "Email", new Dictionary<string, string> { ["Email"] = email }, email);
        Assert.True(Browser.IsRedirectTo(enrolled, "/account/password/change"), MfaSteps.Describe(enrolled));
        var page = await browser.PageAsync("/account/password/change");
        Assert.Contains("does not meet the current password rules", HtmlPage.TextOf(page));

        var same = await browser.PostPageFormAsync(page, "/account/password/change", new Dictionary<string, string> { ["NewPassword"] = Weak, ["ConfirmPassword"] = Weak });
        Assert.Contains("too common", await same.TextAsync(), StringComparison.OrdinalIgnoreCase);
        var changed = await browser.PostPageFormAsync(page, "/account/password/change", new Dictionary<string, string> { ["NewPassword"] = Good, ["ConfirmPassword"] = Good });

        Assert.True(Browser.IsRedirectTo(changed, "/account/terms"), MfaSteps.Describe(changed));
        var stored = await ReloadAsync(user);
        Assert.False(stored.MustChangePassword);
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<IdentityHubUser>().VerifyHashedPassword(stored, stored.PasswordHash!, Good));
    }

    [Fact]
    public async Task A_wrong_password_fails_keeps_the_legacy_hash_and_counts_toward_lockout()
    {
        var user = await ImportAsync(ImportUsersTests.Bcrypt);
        var browser = app.NewBrowser();

        var wrong = await browser.SubmitPasswordAsync(user.UserName!, "amber lantern over quiet hill");

        Assert.Contains("username or password you entered is incorrect", await wrong.TextAsync());
        var stored = await ReloadAsync(user);
        Assert.True(LegacyAwarePasswordHasher.IsLegacy(stored.PasswordHash));
        Assert.Equal(1, stored.AccessFailedCount);

        for (var i = 1; i < 5; i++)
        {
            await browser.SubmitPasswordAsync(user.UserName!, "not the password " + i);
        }

        var locked = await browser.SubmitPasswordAsync(user.UserName!, Good);
        Assert.Contains("This account is locked", await locked.TextAsync());
        Assert.True(LegacyAwarePasswordHasher.IsLegacy((await ReloadAsync(user)).PasswordHash));
    }

    private async Task<IdentityHubUser> ImportAsync(string legacyHash)
    {
        var name = MfaSteps.NewName("migrated");
        var row = new ImportRow(2) { UserName = name, GivenName = "Rosa", FamilyName = "Ramirez", PasswordHash = legacyHash };
        var summary = await new UserImport(app.Services.GetRequiredService<IServiceScopeFactory>(), app.Clock).RunAsync([row], dryRun: false);
        Assert.Equal(1, summary.Imported);
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<IdentityHubUser>>().FindByNameAsync(name))!;
    }

    private async Task<IdentityHubUser> ReloadAsync(IdentityHubUser user)
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<IdentityHubUser>>().FindByIdAsync(user.Id))!;
    }
}
