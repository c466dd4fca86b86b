using IdentityHub.Core.Accounts;
using IdentityHub.Core.Accounts.LegacyPasswords;
using IdentityHub.Core.Mfa;
using IdentityHub.Data.Users;
using IdentityHub.Server.Passwords;
using IdentityHub.Server.Profile;

namespace IdentityHub.Server.Import;

/// <summary>
/// The rules a row must meet to become a user (A10): a valid username (A1); first and last name (the
/// terms are signed by typing them, A5); the email's shape and the phone number (E.164) when given; an
/// organization of at most 200 characters; a password hash in a known encoding.
/// </summary>
internal static class ImportRowCheck
{
    public const int OrganizationMaxLength = 200;

    /// <summary>The user the row describes, not yet saved; or every reason it cannot be imported.</summary>
    public static (IdentityHubUser? User, string? Scheme, IReadOnlyList<string> Problems) Check(ImportRow row, string phoneRegion, DateTimeOffset now)
    {
        if (row.ReadProblem is { } unreadable)
        {
            return (null, null, [unreadable]);
        }

        var problems = new List<string>();
        if (RuleWords.EnglishUsernameProblem(row.UserName) is { } userNameProblem)
        {
            problems.Add(userNameProblem);
        }

        AddIfAny(problems, NameProblem(row.GivenName, ImportFields.GivenName));
        AddIfAny(problems, NameProblem(row.FamilyName, ImportFields.FamilyName));

        string? email = null;
        if (!string.IsNullOrWhiteSpace(row.Email))
        {
            (email, var emailProblem) = ProfileChanges.CheckEmail(row.Email);
            AddIfAny(problems, emailProblem is null ? null : $"The email '{row.Email.Trim()}' is not an address like name@example.com.");
        }

        string? phone = null;
        if (!string.IsNullOrWhiteSpace(row.Phone))
        {
            var parsed = PhoneNumbers.Parse(row.Phone, phoneRegion);
            phone = parsed.E164;
            AddIfAny(problems, parsed.IsValid ? null : $"The phone '{row.Phone.Trim()}' is not a valid number (without a + it is read as a {phoneRegion} number).");
        }

        var organization = string.IsNullOrWhiteSpace(row.Organization) ? null : row.Organization.Trim();
        AddIfAny(problems, organization?.Length > OrganizationMaxLength ? $"The organization can be at most {OrganizationMaxLength} characters long." : null);

        string? scheme = null;
        if (LegacyPasswordHash.TryParse(row.PasswordHash, out var hash, out var hashProblem))
        {
            scheme = hash.Scheme;
        }
        else
        {
            problems.Add("password_hash: " + hashProblem);
        }

        if (problems.Count > 0)
        {
            return (null, null, problems);
        }

        var user = new IdentityHubUser
        {
            UserName = UsernameRules.Normalize(row.UserName!),
            GivenName = row.GivenName!.Trim(),
            FamilyName = row.FamilyName!.Trim(),
            // Contact details only: not verified here, and not MFA methods (the user enrolls at first sign-in).
            Email = email,
            EmailConfirmed = false,
            PhoneNumber = phone,
            PhoneNumberConfirmed = false,
            Organization = organization,
            PasswordHash = LegacyAwarePasswordHasher.Mark(row.PasswordHash!),
            CreatedAt = now,
            ImportedAt = now,
        };
        return (user, scheme, []);
    }

    private static string? NameProblem(string? value, string field)
    {
        var name = value?.Trim() ?? "";
        return name switch
        {
            { Length: 0 } => $"{field} is empty (the terms are signed by typing the first and last name).",
            { Length: > ProfileChanges.NameMaxLength } => $"{field} is longer than {ProfileChanges.NameMaxLength} characters.",
            _ when name.Any(char.IsControl) => $"{field} contains control characters.",
            _ => null,
        };
    }

    private static void AddIfAny(List<string> problems, string? problem)
    {
        if (problem is not null)
        {
            problems.Add(problem);
        }
    }
}
