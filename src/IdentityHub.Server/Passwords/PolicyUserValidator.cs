using IdentityHub.Core.Accounts;
using IdentityHub.Data.Users;
using IdentityHub.Server.Texts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Server.Passwords;

/// <summary>The username rules (A1), in plain words in the current language. Identity's own validator still checks uniqueness.</summary>
public sealed class PolicyUserValidator(IStringLocalizer<RuleText> text) : IUserValidator<IdentityHubUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<IdentityHubUser> manager, IdentityHubUser user) =>
        Task.FromResult(UsernameRules.Problems(user.UserName) is { Count: > 0 } problems
            ? IdentityResult.Failed(new IdentityError { Code = "InvalidUserName", Description = text.Words(problems) })
            : IdentityResult.Success);
}

/// <summary>Identity's messages, in plain words (A1), in the current language.</summary>
public sealed class IdentityHubErrorDescriber(IStringLocalizer<RuleText> text) : IdentityErrorDescriber
{
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = text.Words(UsernameRules.Taken) };

    // The policy validator explains usernames; Identity's character check is switched off.
    public override IdentityError InvalidUserName(string? userName) => new()
    {
        Code = nameof(InvalidUserName),
        Description = UsernameRules.Problems(userName) is { Count: > 0 } problems ? text.Words(problems) : text.Words(UsernameRules.Unusable),
    };
}
