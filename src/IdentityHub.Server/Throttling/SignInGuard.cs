using IdentityHub.Accounts;
using IdentityHub.Server.Configuration;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Throttling;

/// <summary>
/// The sign-in page's limits and the lockout that a stranger cannot use as a weapon (A3, decision 0012).
/// Wrong passwords are counted per username <em>and</em> network address: after
/// <c>IdentityHub:Lockout:MaxFailedAttempts</c> of them within <c>IdentityHub:Lockout:Duration</c>,
/// that network is locked out of the account's password, while the owner elsewhere still signs in
/// with the password and a second factor.
/// </summary>
public sealed class SignInGuard(RateLimits limits, IRateLimitStore store, IOptionsMonitor<IdentityHubOptions> options) : ISignInFailures
{
    public const string WrongPasswords = RateLimitKeys.WrongPasswords;

    /// <summary>Counts a sign-in attempt and reads this network's wrong passwords for the username, in one round trip.</summary>
    public async Task<SignInCheck> CheckAsync(HttpContext http, string userName)
    {
        var settings = limits.Settings;
        var address = limits.AddressOf(http);
        var decision = await limits.CountAsync(
            [
                new(PageLimits.SignInPerAddress, settings.SignInPerAddress, RateLimits.Key(address)),
                new(PageLimits.SignInPerAccount, settings.SignInPerAccount, RateLimits.Key(userName, address)),
                new(WrongPasswords, Rule, RateLimits.Key(userName, address), Increment: 0),
            ],
            http.RequestAborted);
        return new SignInCheck(decision.RetryAfter, decision.Counts[2] >= Rule.Limit);
    }

    /// <summary>One more wrong password for this username from this network (known username or not: the same work).</summary>
    public Task RecordWrongPasswordAsync(HttpContext http, string userName) =>
        limits.CountAsync([new(WrongPasswords, Rule, RateLimits.Key(userName, limits.AddressOf(http)))], http.RequestAborted);

    /// <summary>After a password reset or an administrator's unlock: every network starts again.</summary>
    public Task ForgetAsync(string userName, CancellationToken cancellationToken) =>
        store.ResetAsync(WrongPasswords, RateLimitKeys.PrefixOf(userName), cancellationToken);

    private RateLimitRule Rule => new(options.CurrentValue.Lockout.MaxFailedAttempts, options.CurrentValue.Lockout.Duration);
}

/// <summary>What the guard found before the password is checked.</summary>
/// <param name="RetryAfter">Over a limit: how long to wait; zero otherwise.</param>
/// <param name="NetworkLocked">This network has typed too many wrong passwords for this username.</param>
public sealed record SignInCheck(TimeSpan RetryAfter, bool NetworkLocked);
