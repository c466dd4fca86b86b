using IdentityHub.Administration.Texts;
using IdentityHub.Delivery;
using IdentityHub.Hosting.Wording;

namespace IdentityHub.Administration;

/// <summary>
/// Sends the emails that belong to administrative actions (an invitation, a decision on a registration
/// request). The action is saved first: a failed delivery never undoes it, and the caller gets a warning
/// to show instead, so an administrator can send it again.
/// </summary>
public sealed class AdminMail(IMessageSender sender, LanguageTexts texts)
{
    /// <summary>The words of an email in <paramref name="language"/> (null or unsupported: English).</summary>
    public MailWords Words(string? language) => new(texts, language);

    /// <summary>Whether a channel accepted the email.</summary>
    public async Task<bool> SendAsync(string to, (string Subject, string Body) email, string reference, CancellationToken cancellationToken)
    {
        var outcome = await sender.SendAsync(new DeliveryMessage(DeliveryKind.Email, to, email.Subject, email.Body, reference), cancellationToken);
        return outcome is DeliveryOutcome.Sent;
    }
}
