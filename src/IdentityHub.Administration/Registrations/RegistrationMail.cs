using IdentityHub.Administration.Texts;

namespace IdentityHub.Administration.Registrations;

/// <summary>
/// The emails of a registration request (D2), in plain words: "we received your request" to both
/// administrators it names, and the reason when it is rejected. Approval sends each of them the
/// invitation email instead.
/// </summary>
public static class RegistrationMail
{
    public static (string Subject, string Body) Received(MailWords words, string givenName, string organizationName, string reference) =>
        (words["Registration.Received.Subject"],
         words.Body(givenName, reference,
            words["Registration.Received.Request", organizationName],
            words["Registration.Received.Review"],
            words["Registration.Received.Unexpected"]));

    public static (string Subject, string Body) Rejected(MailWords words, string givenName, string organizationName, string reason, string reference) =>
        (words["Registration.Rejected.Subject"],
         words.Body(givenName, reference,
            words["Registration.Rejected.Decision", organizationName],
            reason,
            words["Registration.Rejected.Next"]));
}
