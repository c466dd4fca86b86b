using IdentityHub.Core.Mfa;
using IdentityHub.Data.Users;
using IdentityHub.Delivery;
using IdentityHub.Hosting.Wording;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.Wording;

namespace IdentityHub.Server.Members.Registration;

/// <summary>
/// Tells the email of a member's existing account that someone proved the same membership to create another one
/// (A15: one account per member): if it was them, sign in or recover the username; if not, call the help desk.
/// In the reader's saved language, quoting the reference of the audit record.
/// </summary>
public sealed class ExistingAccountNotice(IMessageSender sender, ClientPolicies policies, LanguageTexts texts, TimeProvider time)
{
    /// <summary>Sends the notice; returns what became of it, for the audit detail.</summary>
    public async Task<string> SendAsync(IdentityHubUser user, string reference, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(user.Email))
        {
            return "no email on the account";
        }

        var words = MessageWords.For(texts, user);
        var helpDesk = policies.Deployment.HelpDeskPhone;
        var body = words.Body(reference,
            words["MemberNotice.What", words.When(time.GetUtcNow())],
            words["MemberNotice.IfYou"],
            helpDesk is null ? words["Notice.NotYou", reference] : words["Notice.NotYouCall", helpDesk, reference]);
        var outcome = await sender.SendAsync(new DeliveryMessage(DeliveryKind.Email, user.Email, words["MemberNotice.Subject"], body, reference), cancellationToken);
        return $"notice to {Destinations.MaskEmail(user.Email)} {(outcome is DeliveryOutcome.Sent ? "sent" : "not delivered")}";
    }
}
