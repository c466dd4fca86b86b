using System.Net.Mail;

namespace IdentityHub.Administration.Invitations;

/// <summary>
/// A new person as an administrator enters them (D5): names, email and office; no username (the person
/// chooses it). A platform administrator names the organization; an organization's administrator invites
/// into their own.
/// </summary>
public sealed record InvitationInput(string? GivenName, string? FamilyName, string? Email, string? LocationId = null, string? ClientId = null, string? OrganizationId = null);

internal static class InvitationInputs
{
    public static (string GivenName, string FamilyName, string Email) Check(InvitationInput input, FieldProblems problems)
    {
        var given = problems.Text("givenName", input.GivenName, "first name", 100);
        var family = problems.Text("familyName", input.FamilyName, "last name", 100);
        var email = problems.Text("email", input.Email, "email address", 256);
        if (email.Length > 0 && !IsEmail(email))
        {
            problems.Add("email", "Enter an email address like name@example.com.");
        }

        return (given, family, email);
    }

    private static bool IsEmail(string value) =>
        MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);
}
