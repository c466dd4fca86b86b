using IdentityHub.Core.Accounts;
using IdentityHub.Core.Organizations;
using IdentityHub.Data.Users;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Hosting;
using IdentityHub.Server.Passwords;
using IdentityHub.Server.Profile;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Commands;

/// <summary>
/// <c>create-platform-admin &lt;username&gt; &lt;email&gt; --given-name X --family-name Y</c>: the first platform
/// administrator of a new deployment (O5, D3), with a generated temporary password printed once. The
/// person changes it, enrolls MFA and accepts the terms at the first sign-in like everyone. Exit codes:
/// 0 created; 1 refused (a rule or a taken username or email; the database not ready); 2 wrong usage.
/// </summary>
internal static class CreatePlatformAdminCommand
{
    public const string Verb = "create-platform-admin";
    public const int Refused = 1;
    public const int Usage = 2;
    private const int PasswordAttempts = 5;

    public static readonly CommandSpec Spec = new(Verb, "Creates the first platform administrator of a new deployment, with a temporary password printed once.")
    {
        Arguments = [new("username", "The administrator's username (the username rules apply)."), new("email", "Their email address, on no other account.")],
        Options =
        [
            // The terms are signed by typing the first and last name on the account (A5): without them the person could not sign.
            new("--given-name", "first name", "The first name the terms are signed with.", Required: true),
            new("--family-name", "last name", "The last name the terms are signed with.", Required: true),
        ],
        Details = "At the first sign-in the person enrolls a second factor, chooses their own password and accepts the terms.",
    };

    private sealed record Request(string UserName, string Email, string GivenName, string FamilyName);

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        if (Parse(arguments, error) is not { } request)
        {
            return Usage;
        }

        if (Check(request) is { } problem)
        {
            error.WriteLine(problem);
            return Refused;
        }

        if (await ServerDatabase.PrepareAsync(services) is { } notReady)
        {
            error.WriteLine(notReady);
            return Refused;
        }

        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityHubUser>>();
        var userName = UsernameRules.Normalize(request.UserName);
        var email = request.Email.Trim();
        if (await users.FindByNameAsync(userName) is not null)
        {
            error.WriteLine($"The username '{userName}' is taken.");
            return Refused;
        }

        // Addresses may be shared by ordinary accounts, but the first administrator's must be theirs alone:
        // username reminders and notices to that address would otherwise reach another account's owner too.
        var normalizedEmail = users.NormalizeEmail(email);
        if (await users.Users.AnyAsync(user => user.NormalizedEmail == normalizedEmail))
        {
            error.WriteLine($"The email '{email}' is already on an account.");
            return Refused;
        }

        var admin = new IdentityHubUser
        {
            UserName = userName,
            Email = email,
            EmailConfirmed = true,
            GivenName = request.GivenName.Trim(),
            FamilyName = request.FamilyName.Trim(),
            AdministrativeRole = AdministrativeRole.PlatformAdministrator,
            MustChangePassword = true,
            CreatedAt = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow(),
        };

        var password = await AcceptablePasswordAsync(users, admin);
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(admin, password);
        }
        catch (DbUpdateException)
        {
            // The unique index on the username, when another process created it a moment ago.
            error.WriteLine($"The username '{userName}' is taken.");
            return Refused;
        }

        if (!created.Succeeded)
        {
            error.WriteLine("The account was not created: " + string.Join(" ", created.Errors.Select(problem => problem.Description)));
            return Refused;
        }

        var actor = $"the {Verb} command ({Environment.UserName})";
        await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync("account.platform_admin_created", "succeeded", admin.Id, detail: $"by {actor}");

        output.WriteLine($"Created platform administrator {admin.UserName} ({admin.DisplayName}, {admin.Email}).");
        output.WriteLine($"Temporary password: {password}");
        output.WriteLine("It is shown only this once: give it to the person over a trusted channel. At the first sign-in they");
        output.WriteLine("enroll a second factor, choose their own password and accept the terms.");
        return 0;
    }

    /// <summary>
    /// A generated password the policy accepts for this user: a random one can, very rarely, contain the
    /// username or the email's name, which the policy refuses.
    /// </summary>
    private static async Task<string> AcceptablePasswordAsync(UserManager<IdentityHubUser> users, IdentityHubUser user)
    {
        for (var attempt = 1; ; attempt++)
        {
            var password = GeneratedPasswords.New();
            var results = new List<IdentityResult>();
            foreach (var validator in users.PasswordValidators)
            {
                results.Add(await validator.ValidateAsync(users, user, password));
            }

            if (results.All(result => result.Succeeded) || attempt == PasswordAttempts)
            {
                return password;
            }
        }
    }

    private static string? Check(Request request)
    {
        if (RuleWords.EnglishUsernameProblem(request.UserName) is { } userNameProblem)
        {
            return $"The username '{request.UserName}' cannot be used: {userNameProblem}";
        }

        if (ProfileChanges.CheckEmail(request.Email).ProblemKey is not null)
        {
            return $"The email '{request.Email.Trim()}' is not an address like name@example.com.";
        }

        return NameProblem(request.GivenName, "--given-name") ?? NameProblem(request.FamilyName, "--family-name");
    }

    private static string? NameProblem(string value, string option)
    {
        var name = value.Trim();
        return name switch
        {
            { Length: 0 } => $"{option} cannot be empty: the terms are signed by typing the first and last name on the account.",
            { Length: > ProfileChanges.NameMaxLength } => $"{option} can be at most {ProfileChanges.NameMaxLength} characters long.",
            _ when name.Any(char.IsControl) => $"{option} cannot contain control characters.",
            _ => null,
        };
    }

    private static Request? Parse(IReadOnlyList<string> arguments, TextWriter error) =>
        Spec.Parse(arguments, error) is { } parsed
            ? new Request(parsed.Positional[0], parsed.Positional[1], parsed.Value("--given-name")!, parsed.Value("--family-name")!)
            : null;
}
