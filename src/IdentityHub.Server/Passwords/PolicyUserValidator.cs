using IdentityHub.Core.Accounts;
using IdentityHub.Data.Users;
using Microsoft.AspNetCore.Identity;

namespace IdentityHub.Server.Passwords;

/// <summary>The username rules (A1), in plain words. Identity's own validator still checks uniqueness.</summary>
public sealed class PolicyUserValidator : IUserValidator<IdentityHubUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<IdentityHubUser> manager, IdentityHubUser user) =>
        Task.FromResult(UsernameRules.Problem(user.UserName) is { } problem
            ? IdentityResult.Failed(new IdentityError { Code = "InvalidUserName", Description = problem })
            : IdentityResult.Success);
}

/// <summary>Identity's messages, in plain words (A1).</summary>
public sealed class IdentityHubErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = UsernameRules.TakenMessage };

    // The policy validator explains usernames; Identity's character check is switched off.
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = UsernameRules.Problem(userName) ?? "That username cannot be used." };
}
