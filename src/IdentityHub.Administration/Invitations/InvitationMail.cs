using IdentityHub.Core.Organizations;

namespace IdentityHub.Administration.Invitations;

/// <summary>
/// The invitation email (D5), in plain words: who invited the person, to which organization, the
/// single-use link, until when it works, and what to do with an email they did not expect.
/// </summary>
public static class InvitationMail
{
    public const string Subject = "You are invited to sign in to your health plan's portal";

    public static string Body(string givenName, string organizationName, string inviterName, AdministrativeRole role, Uri link, TimeSpan lifetime, DateTimeOffset expiresAt, string reference) =>
        $"Hello {givenName},\n\n" +
        $"{inviterName} invited you to sign in to your health plan's portal for {organizationName}.{RoleSentence(role)}\n\n" +
        "To accept, open this link and choose a username and password:\n\n" +
        $"{link}\n\n" +
        $"The link works once, for {AdminMail.Duration(lifetime)}: until {AdminMail.When(expiresAt)}. " +
        $"If it has stopped working, ask {inviterName} to send you a new one.\n\n" +
        "After choosing your password you will set up a second way to prove it is you (a code by text message, phone call, email or an app), " +
        "and read and sign the terms of use.\n\n" +
        $"If you did not expect this email, do not open the link. You can ignore this email, or tell {organizationName} or your health plan.\n\n" +
        $"Reference number: {reference}";

    private static string RoleSentence(AdministrativeRole role) => role switch
    {
        AdministrativeRole.PrimaryAdministrator => " You will be its primary administrator: you will invite and manage its people.",
        AdministrativeRole.BackupAdministrator => " You will be its backup administrator: you will help invite and manage its people.",
        _ => "",
    };
}
