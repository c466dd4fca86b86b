using System.Globalization;
using IdentityHub.Core.Mfa;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.Texts;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;
using static IdentityHub.Server.Tests.Infrastructure.StrongFactorSteps;

namespace IdentityHub.Server.Tests.Mfa;

/// <summary>One server for the lockout tests: three wrong second factors lock an account.</summary>
public sealed class LockoutApp : IAsyncLifetime
{
    public IdentityHubApp App { get; } = new IdentityHubApp().With("IdentityHub:Mfa:Codes:MaxFailuresPerAccount", "3");

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => App.DisposeAsync().AsTask();
}

/// <summary>
/// Every second factor goes through one lockout policy: the same number of wrong tries locks the
/// account whichever factor was tried, the page says so in the same words, nothing works while the
/// lock holds, and it ends by itself.
/// </summary>
public sealed class SecondFactorLockoutTests(LockoutApp fixture) : IClassFixture<LockoutApp>
{
    public enum Factor
    {
        SentCode,
        AppCode,
        RecoveryCode,
        Passkey,
    }

    private static readonly string Locked = Words.English<MfaText>("CodeError.Locked").Replace("{0}", new CodeSettings().AccountLockout.TotalMinutes.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    private readonly IdentityHubApp _app = fixture.App;

    [Theory]
    [InlineData(Factor.SentCode)]
    [InlineData(Factor.AppCode)]
    [InlineData(Factor.RecoveryCode)]
    [InlineData(Factor.Passkey)]
    public async Task Three_wrong_tries_lock_the_account_refuse_even_the_right_factor_and_the_lock_ends_after_fifteen_minutes(Factor factor)
    {
        var name = NewName("lock" + factor.ToString().ToLowerInvariant());
        var user = await _app.CreateUserAsync(name);
        var key = factor == Factor.AppCode ? await AddAppAsync(user.Id) : null;
        var browser = _app.NewBrowser();
        var request = new AuthorizationRequest();
        var challenge = await browser.PasswordToChallengeAsync(name, await browser.StartAtPortalAsync(request));
        var sent = factor == Factor.AppCode ? null : _app.Messages.CodeSentTo(EmailOf(name));

        for (var tries = 1; tries <= 3; tries++)
        {
            var text = await (await TryAsync(browser, challenge, factor, right: false, key, sent, user.Id)).TextAsync();
            if (tries < 3)
            {
                Assert.DoesNotContain(Locked, text);
                Assert.Equal(tries, await FailuresAsync(user.Id));
            }
            else
            {
                Assert.Contains(Locked, text);
            }
        }

        Assert.Equal(0, await FailuresAsync(user.Id));
        // PostgreSQL keeps microseconds.
        Assert.Equal(_app.Clock.GetUtcNow() + TimeSpan.FromMinutes(15), (await LockedUntilAsync(user.Id))!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, await _app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.UserId == user.Id && e.Event == "mfa.locked")));

        // While the lock holds, the right factor is refused in the same words (a passkey cannot be
        // right here, so that user tries the emailed code).
        var refused = await TryAsync(browser, challenge, factor, right: true, key, sent, user.Id);
        Assert.Contains(Locked, await refused.TextAsync());
        Assert.NotNull(await LockedUntilAsync(user.Id));

        _app.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var fresh = factor == Factor.AppCode ? null : await ResendAsync(browser, challenge, name);
        var accepted = await TryAsync(browser, challenge, factor, right: true, key, fresh, user.Id);
        if (factor == Factor.RecoveryCode)
        {
            // A recovery code that worked says how many are left before going on.
            accepted = await browser.ContinueAfterRecoveryCodeAsync(await accepted.Content.ReadAsStringAsync());
        }

        Assert.False(string.IsNullOrEmpty((await browser.BackToPortalAsync(accepted, request)).Code));
        Assert.Null(await LockedUntilAsync(user.Id));
    }

    [Fact]
    public async Task Wrong_tries_of_different_factors_count_together()
    {
        var (browser, challenge, sent, user) = await AtChallengeAsync("lockmixed");

        await TryAsync(browser, challenge, Factor.SentCode, right: false, null, sent, user.Id);
        await TryAsync(browser, challenge, Factor.RecoveryCode, right: false, null, sent, user.Id);
        var third = await TryAsync(browser, challenge, Factor.Passkey, right: false, null, sent, user.Id);

        Assert.Contains(Locked, await third.TextAsync());
        Assert.NotNull(await LockedUntilAsync(user.Id));
    }

    [Fact]
    public async Task An_unlock_on_behalf_of_the_help_desk_ends_the_lock_at_once()
    {
        var (browser, challenge, sent, user) = await AtChallengeAsync("lockunlock");
        for (var tries = 0; tries < 3; tries++)
        {
            await TryAsync(browser, challenge, Factor.SentCode, right: false, null, sent, user.Id);
        }

        using (var scope = _app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Data.Users.IdentityHubUser>>();
            await scope.ServiceProvider.GetRequiredService<MfaLockout>().UnlockAsync((await users.FindByIdAsync(user.Id))!, "help desk (test)");
        }

        Assert.Null(await LockedUntilAsync(user.Id));
        var accepted = await TryAsync(browser, challenge, Factor.SentCode, right: true, null, sent, user.Id);
        Assert.True(accepted.StatusCode == System.Net.HttpStatusCode.Redirect, Describe(accepted));
        Assert.Equal(1, await _app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.UserId == user.Id && e.Event == "mfa.unlocked")));
    }

    private Task<HttpResponseMessage> TryAsync(Browser browser, string challenge, Factor factor, bool right, string? key, string? sent, string userId) => factor switch
    {
        Factor.AppCode => browser.VerifyAsync(challenge, right ? AppCode(key!, _app.Clock.GetUtcNow()) : WrongCode(AppCode(key!, _app.Clock.GetUtcNow()))),
        Factor.RecoveryCode => browser.EnterRecoveryCodeAsync(right ? _app.RecoveryCodesOf[userId][0] : "AAAA-BBBB-CCCC"),
        Factor.Passkey when !right => browser.PostPageFormAsync(challenge, "/account/passkeys/verify", new Dictionary<string, string> { ["CredentialJson"] = "{}" }),
        _ => browser.VerifyAsync(challenge, right ? sent! : WrongCode(sent!)),
    };

    /// <summary>A new user with an emailed code at the challenge page.</summary>
    private async Task<(Browser Browser, string Challenge, string Sent, Data.Users.IdentityHubUser User)> AtChallengeAsync(string prefix)
    {
        var name = NewName(prefix);
        var user = await _app.CreateUserAsync(name);
        var browser = _app.NewBrowser();
        var challenge = await browser.PasswordToChallengeAsync(name, await browser.StartAtPortalAsync(new AuthorizationRequest()));
        return (browser, challenge, _app.Messages.CodeSentTo(EmailOf(name)), user);
    }

    private async Task<string> ResendAsync(Browser browser, string challenge, string name)
    {
        var resent = await browser.ResendAsync(challenge);
        Assert.Contains(Words.English<MfaText>("MfaCode.NewCodeSent"), await resent.TextAsync());
        return _app.Messages.CodeSentTo(EmailOf(name));
    }

    /// <summary>An authenticator app, used last, so that the challenge asks for its code; returns its key.</summary>
    private async Task<string> AddAppAsync(string userId)
    {
        var key = Totp.ToBase32(Totp.NewSecret());
        using var scope = _app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AuthenticatorApps>().AddAsync(userId, key, firstStep: null, usedToSignIn: true);
        return key;
    }

    private Task<int> FailuresAsync(string userId) =>
        _app.QueryAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.MfaFailedAttempts).SingleAsync());

    private Task<DateTimeOffset?> LockedUntilAsync(string userId) =>
        _app.QueryAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.MfaLockedUntil).SingleAsync());
}
