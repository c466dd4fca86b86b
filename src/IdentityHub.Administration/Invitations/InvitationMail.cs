using IdentityHub.Administration.Texts;
using IdentityHub.Core.Organizations;

namespace IdentityHub.Administration.Invitations;

/// <summary>
/// The invitation email (D5), in plain words: who invited the person, to which organization, the
/// single-use link, until when it works, and what to do with an email they did not expect.
/// </summary>
public static class InvitationMail
{
    /// <summary><paramref name="inviterName"/> null: the plan invited (a registration it approved).</summary>
    public static (string Subject, string Body) Compose(MailWords words, string givenName, string organizationName, string? inviterName, AdministrativeRole role, Uri link, TimeSpan lifetime, DateTimeOffset expiresAt, string reference)
    {
        var inviter = inviterName ?? words["AdminMail.Invitation.YourHealthPlan"];
        var invited = words["AdminMail.Invitation.Invited", inviter, organizationName];
        var roleSentence = role switch
        {
            AdministrativeRole.PrimaryAdministrator => words["AdminMail.Invitation.PrimaryAdministrator"],
            AdministrativeRole.BackupAdministrator => words["AdminMail.Invitation.BackupAdministrator"],
            _ => null,
        };
        return (words["AdminMail.Invitation.Subject"],
            words.Body(givenName, reference,
                roleSentence is null ? invited : invited + " " + roleSentence,
                words["AdminMail.Invitation.Accept"],
                link.ToString(),
                words["AdminMail.Invitation.LinkLife", words.Duration(lifetime), words.When(expiresAt), inviter],
                words["AdminMail.Invitation.NextSteps"],
                words["AdminMail.Invitation.Unexpected", organizationName]));
    }
}
