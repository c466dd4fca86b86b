using IdentityHub.Administration.Organizations;
using IdentityHub.Core.Mfa;
using IdentityHub.Data.Organizations;

namespace IdentityHub.Administration.Registrations;

/// <summary>The public registration form (D2): the organization, and its primary and secondary administrators.</summary>
public sealed record RegistrationInput(OrganizationInput Organization, AdministratorInput? Primary, AdministratorInput? Secondary);

public sealed record AdministratorInput(string? GivenName, string? FamilyName, string? Email, string? Phone);

internal static class RegistrationInputs
{
    public static (OrganizationInputs.Checked? Organization, RequestedAdministrator? Primary, RequestedAdministrator? Secondary, FieldProblems Problems) Check(RegistrationInput input)
    {
        var (organization, problems) = OrganizationInputs.Check(input.Organization);
        var primary = Administrator(problems, "primary", input.Primary);
        var secondary = Administrator(problems, "secondary", input.Secondary);
        if (primary is not null && secondary is not null && string.Equals(primary.Email, secondary.Email, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("secondary.email", "The secondary administrator must be a different person: enter their own email address.");
        }

        return problems.Any ? (null, null, null, problems) : (organization, primary, secondary, problems);
    }

    private static RequestedAdministrator? Administrator(FieldProblems problems, string field, AdministratorInput? input)
    {
        var given = problems.Text(field + ".givenName", input?.GivenName, "first name", 100);
        var family = problems.Text(field + ".familyName", input?.FamilyName, "last name", 100);
        var email = problems.Email(field + ".email", input?.Email);

        var phone = PhoneNumbers.Parse(input?.Phone?.Trim() ?? "", "US");
        if (!phone.IsValid)
        {
            problems.Add(field + ".phone", "Enter a valid US phone number, for example (212) 555-0100.");
        }

        return problems.Any
            ? null
            : new RequestedAdministrator { GivenName = given, FamilyName = family, Email = email, Phone = phone.E164! };
    }
}
