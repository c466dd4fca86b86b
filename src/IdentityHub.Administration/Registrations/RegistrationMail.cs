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
        (words["AdminMail.RegistrationReceived.Subject"],
         words.Body(givenName, reference,
            words["AdminMail.RegistrationReceived.Request", organizationName],
            words["AdminMail.RegistrationReceived.Review"],
            words["AdminMail.RegistrationReceived.Unexpected"]));

    public static (string Subject, string Body) Rejected(MailWords words, string givenName, string organizationName, string reason, string reference) =>
        (words["AdminMail.RegistrationRejected.Subject"],
         words.Body(givenName, reference,
            words["AdminMail.RegistrationRejected.Decision", organizationName],
            reason,
            words["AdminMail.RegistrationRejected.Next"]));
}
