using IdentityHub.Core.Accounts;
using IdentityHub.Data;
using IdentityHub.Data.Users;
using IdentityHub.Server.Configuration;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Passwords;

/// <summary>
/// The configured password policy (A2) as Identity's only password validator: length, composition,
/// common passwords, personal words, and the last N passwords (compared by hash).
/// </summary>
public sealed class PolicyPasswordValidator(IdentityHubDbContext db, IOptionsMonitor<IdentityHubOptions> options) : IPasswordValidator<IdentityHubUser>
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

        return failures.Count == 0
            ? IdentityResult.Success
            : IdentityResult.Failed([.. failures.Select(failure => new IdentityError { Code = failure.Problem.ToString(), Description = failure.Message })]);
    }

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
