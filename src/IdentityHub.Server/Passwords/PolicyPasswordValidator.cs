using IdentityHub.Core.Accounts;
using IdentityHub.Data;
using IdentityHub.Data.Users;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Passwords.Breaches;
using Microsoft.AspNetCore.Identity;
using IdentityHub.Server.Texts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Passwords;

/// <summary>
/// The configured password policy (A2) as Identity's only password validator: length, composition,
/// common passwords, personal words, the last N passwords (compared by hash) and, when configured, known
/// breaches (asked of a range API only once everything local passed, so a refused password costs no call).
/// Each refusal's description is in the current language (the request's; English for the commands).
/// </summary>
public sealed partial class PolicyPasswordValidator(
    IdentityHubDbContext db,
    IOptionsMonitor<IdentityHubOptions> options,
    BreachedPasswordClient breaches,
    IStringLocalizer<RuleText> text,
    ILogger<PolicyPasswordValidator> logger) : IPasswordValidator<IdentityHubUser>
{
    /// <summary>Words a password may not contain: the service's own names.</summary>
    public static readonly IReadOnlyList<string> ServiceNames = ["IdentityHub", "health plan", "healthplan"];

    public async Task<IdentityResult> ValidateAsync(UserManager<IdentityHubUser> manager, IdentityHubUser user, string? password)
    {
        var policy = options.CurrentValue.Passwords.Resolve();
        var failures = PasswordRules.Check(password ?? "", policy, new PasswordContext(user.UserName, user.Email, ServiceNames)).ToList();
        if (failures.Count == 0 && policy.HistoryCount > 0 && password is not null && await WasUsedRecentlyAsync(manager, user, password, policy.HistoryCount))
        {
            failures.Add(PasswordRules.Reused(policy));
        }

        if (failures.Count == 0 && policy.CheckBreaches && password is not null && await CheckBreachesAsync(user, password) is { } breached)
        {
            failures.Add(breached);
        }

        return failures.Count == 0
            ? IdentityResult.Success
            : IdentityResult.Failed([.. failures.Select(failure => new IdentityError { Code = failure.Problem.ToString(), Description = text.Words(failure.Message) })]);
    }

    private async Task<PasswordFailure?> CheckBreachesAsync(IdentityHubUser user, string password)
    {
        var lookup = await breaches.LookUpAsync(password);
        switch (lookup.Verdict)
        {
            case BreachVerdict.Breached:
                return PasswordRules.Breached();
            case BreachVerdict.Unavailable when options.CurrentValue.Passwords.BreachCheck.FailOpen:
                LogAcceptedUnchecked(logger, user.Id, lookup.Problem);
                return null;
            case BreachVerdict.Unavailable:
                LogRefusedUnchecked(logger, user.Id, lookup.Problem);
                return PasswordRules.BreachCheckUnavailable();
            default:
                return null;
        }
    }

    // Never the password or its hash: only whose password it was and why the service failed.
    [LoggerMessage(Level = LogLevel.Warning, Message = "The breached-password service could not be used ({Problem}); the new password of user {UserId} was accepted without that check (IdentityHub:Passwords:BreachCheck:FailOpen is true).")]
    private static partial void LogAcceptedUnchecked(ILogger logger, string userId, string? problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The breached-password service could not be used ({Problem}); the new password of user {UserId} was refused until it can be checked (IdentityHub:Passwords:BreachCheck:FailOpen is false).")]
    private static partial void LogRefusedUnchecked(ILogger logger, string userId, string? problem);

    private async Task<bool> WasUsedRecentlyAsync(UserManager<IdentityHubUser> manager, IdentityHubUser user, string password, int count)
    {
        var hashes = await db.PasswordHistory.Where(entry => entry.UserId == user.Id)
            .OrderByDescending(entry => entry.ChangedAt)
            .Take(count)
            .Select(entry => entry.PasswordHash)
            .ToListAsync();
        if (user.PasswordHash is { } current)
        {
            hashes.Insert(0, current);
        }

        return hashes.Take(count).Any(hash => manager.PasswordHasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed);
    }
}
