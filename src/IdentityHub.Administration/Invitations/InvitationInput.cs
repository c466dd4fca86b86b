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
        var email = problems.Email("email", input.Email);
        return (given, family, email);
    }
}
