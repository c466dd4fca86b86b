using IdentityHub.Data;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Administration.People;

/// <summary>
/// A person's details an administrator changes (D6): given and family name and office. Email and phone are
/// not here: the person changes them on their profile page, proven by a code sent to the new one (A11).
/// </summary>
public sealed record PersonDetailsInput(string? GivenName, string? FamilyName, string? LocationId)
{
    public const int MaxNameLength = 100;

    internal static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);

    /// <summary>Each mistake by the field's API name; an office must be one of the person's organization.</summary>
    internal static async Task<IReadOnlyDictionary<string, string[]>> CheckAsync(
        PersonDetailsInput? input, string? organizationId, IdentityHubDbContext db, CancellationToken cancellationToken)
    {
        var problems = new Dictionary<string, string[]>();
        if (input is null)
        {
            problems["givenName"] = ["Enter the person's first name."];
            return problems;
        }

        Name(problems, "givenName", input.GivenName, "first");
        Name(problems, "familyName", input.FamilyName, "last");
        if (!Blank(input.LocationId))
        {
            var locationId = input.LocationId!.Trim();
            var known = organizationId is not null && locationId.Length <= 32
                && await db.OrganizationLocations.AnyAsync(l => l.Id == locationId && l.OrganizationId == organizationId, cancellationToken);
            if (!known)
            {
                problems["locationId"] = ["Choose one of the organization's offices."];
            }
        }

        return problems;
    }

    private static void Name(Dictionary<string, string[]> problems, string field, string? value, string which)
    {
        if (Blank(value))
        {
            problems[field] = [$"Enter the person's {which} name."];
        }
        else if (value!.Trim().Length > MaxNameLength)
        {
            problems[field] = [$"Enter a {which} name of at most {MaxNameLength} characters."];
        }
        else if (value.Any(char.IsControl))
        {
            problems[field] = [$"The {which} name has a character that cannot be used. Type it again."];
        }
    }
}
