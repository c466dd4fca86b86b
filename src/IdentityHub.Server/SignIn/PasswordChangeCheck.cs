using IdentityHub.Server.Configuration;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.SignIn;

/// <summary>
/// A temporary password (A4) or, under a preset with expiry, an expired one (A2) is replaced before
/// the session starts. Runs after the second factor, so a leaked temporary password alone cannot
/// choose the account's next password.
/// </summary>
public sealed class PasswordChangeCheck(IOptionsMonitor<IdentityHubOptions> options, TimeProvider time) : ISignInCheck
{
    public const string Page = "/account/password/change";

    public Task<CheckOutcome> EvaluateAsync(SignInContext context) =>
        Task.FromResult(IsDue(context.User, options.CurrentValue, time.GetUtcNow()) ? CheckOutcome.GoTo(Page) : CheckOutcome.Pass);

    public static bool IsExpired(Data.Users.IdentityHubUser user, IdentityHubOptions options, DateTimeOffset now) =>
        options.Passwords.Resolve().Expiry is { } expiry && user.PasswordChangedAt is { } changed && now - changed > expiry;

    public static bool IsDue(Data.Users.IdentityHubUser user, IdentityHubOptions options, DateTimeOffset now) =>
        user.MustChangePassword || IsExpired(user, options, now);
}
