using IdentityHub.Core.Accounts;
using IdentityHub.Core.Mfa;
using IdentityHub.Data.Users;
using IdentityHub.Delivery;
using IdentityHub.Hosting.Wording;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Hosting;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.Wording;
using Microsoft.AspNetCore.Identity;

namespace IdentityHub.Server.Profile;

/// <summary>What came of entering the code for a new email address or phone number.</summary>
public abstract record ContactChangeResult
{
    /// <summary>The new address replaced the old one; <paramref name="Reference"/> is in the audit log and the notice.</summary>
    public sealed record Changed(string Reference) : ContactChangeResult;

    /// <summary>The code was refused; nothing changed.</summary>
    public sealed record Refused(CodeCheckResult Check) : ContactChangeResult;
}

/// <summary>
/// The contact details on the profile page (A11): the name changes at once; a new email address or
/// phone number replaces the old one only after a code sent to the new one comes back, and the
/// account's (old) email address is told. These are the Identity user's Email and PhoneNumber, not
/// the MFA methods (those change on the account security page).
/// </summary>
public sealed class ProfileChanges(
    UserManager<IdentityHubUser> users,
    CodeChallenges codes,
    ClientPolicies policies,
    IMessageSender sender,
    AuditLog audit,
    LanguageTexts texts,
    TimeProvider time)
{
    public const string EmailPurpose = "profile-email";
    public const string PhonePurpose = "profile-phone";
    public const int NameMaxLength = 100;

    /// <summary>The key of the <see cref="Texts.AccountText"/> text saying why the first name is not acceptable; null when it is.</summary>
    public static string? CheckGivenName(string? value) => CheckName(value) switch
    {
        NameProblem.Missing => "Profile.GivenNameMissing",
        NameProblem.TooLong => "Profile.GivenNameTooLong",
        NameProblem.Unusable => "Profile.GivenNameUnusable",
        _ => null,
    };

    /// <summary>The key of the <see cref="Texts.AccountText"/> text saying why the last name is not acceptable; null when it is.</summary>
    public static string? CheckFamilyName(string? value) => CheckName(value) switch
    {
        NameProblem.Missing => "Profile.FamilyNameMissing",
        NameProblem.TooLong => "Profile.FamilyNameTooLong",
        NameProblem.Unusable => "Profile.FamilyNameUnusable",
        _ => null,
    };

    /// <summary>
    /// The email address as stored, or the key of the <see cref="Texts.AccountText"/> text saying why it cannot be
    /// used (<c>Profile.EmailMissing</c>, <c>Profile.EmailInvalid</c>).
    /// </summary>
    public static (string? Email, string? ProblemKey) CheckEmail(string? input)
    {
        var email = input?.Trim() ?? "";
        if (email.Length == 0)
        {
            return (null, "Profile.EmailMissing");
        }

        return EmailAddresses.IsValid(email) ? (email, null) : (null, "Profile.EmailInvalid");
    }

    /// <summary>
    /// Saves the name and returns the audit reference; null when the user record was changed at the same
    /// moment by another request (another tab), in which case nothing is saved.
    /// </summary>
    public async Task<string?> ChangeNameAsync(IdentityHubUser user, string givenName, string familyName, CancellationToken cancellationToken = default)
    {
        user.GivenName = givenName.Trim();
        user.FamilyName = familyName.Trim();
        var result = await users.UpdateAsync(user);
        if (ConcurrentChangeException.IsConcurrencyFailure(result))
        {
            return null;
        }

        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The name could not be saved: " + string.Join(" ", result.Errors.Select(e => e.Code)));
        }

        return await audit.RecordAsync("profile.name_changed", "succeeded", user.Id, cancellationToken: cancellationToken);
    }

    /// <summary>Sends a code to the new address and returns the pending change to keep in the cookie.</summary>
    public async Task<(PendingContactChange Pending, SendResult Sent)> StartAsync(IdentityHubUser user, MfaMethodKind kind, string newValue, string? language, CancellationToken cancellationToken = default)
    {
        var pending = new PendingContactChange
        {
            Id = PendingContactChange.NewId(),
            UserId = user.Id,
            Kind = kind,
            NewValue = newValue,
            StartedAt = time.GetUtcNow().ToUnixTimeSeconds(),
        };
        await audit.RecordAsync(pending.IsEmail ? "profile.email_change_started" : "profile.phone_change_started", "started", user.Id,
            detail: "to " + pending.MaskedNewValue, cancellationToken: cancellationToken);
        return (pending, await SendCodeAsync(user, pending, language, cancellationToken));
    }

    public Task<SendResult> SendCodeAsync(IdentityHubUser user, PendingContactChange pending, string? language, CancellationToken cancellationToken = default) =>
        codes.SendAsync(user, pending.Kind, pending.NewValue, pending.Purpose, pending.Id, policies.Deployment, language, cancellationToken: cancellationToken);

    /// <summary>Checks the code; when it is right the new address replaces the old one, is marked confirmed, and the account email is told.</summary>
    public async Task<ContactChangeResult> ConfirmAsync(IdentityHubUser user, PendingContactChange pending, string? entered, CancellationToken cancellationToken = default)
    {
        var check = await codes.VerifyAsync(user, pending.Purpose, pending.Id, entered?.Trim() ?? "", clientId: null, cancellationToken: cancellationToken);
        if (check.Outcome != CodeCheck.Accepted)
        {
            return new ContactChangeResult.Refused(check);
        }

        var notifyAddress = user.Email;
        string? old;
        if (pending.IsEmail)
        {
            old = user.Email;
            user.Email = pending.NewValue;
            user.NormalizedEmail = users.NormalizeEmail(pending.NewValue);
            user.EmailConfirmed = true;
        }
        else
        {
            old = user.PhoneNumber;
            user.PhoneNumber = pending.NewValue;
            user.PhoneNumberConfirmed = true;
        }

        var saved = await users.UpdateAsync(user);
        if (ConcurrentChangeException.IsConcurrencyFailure(saved))
        {
            throw new ConcurrentChangeException("The user record changed while the new contact details were saved.");
        }

        if (!saved.Succeeded)
        {
            throw new InvalidOperationException("The contact details could not be saved: " + string.Join(" ", saved.Errors.Select(e => e.Code)));
        }

        var reference = AuditLog.NewReference();
        var delivered = "no email address on file";
        if (!string.IsNullOrWhiteSpace(notifyAddress))
        {
            var helpDesk = policies.Deployment.HelpDeskPhone;
            var words = MessageWords.For(texts, user);
            var subject = pending.IsEmail ? words["ContactChanged.EmailSubject"] : words["ContactChanged.PhoneSubject"];
            var outcome = await sender.SendAsync(
                new DeliveryMessage(DeliveryKind.Email, notifyAddress, subject, NoticeBody(words, pending, helpDesk, reference), reference), cancellationToken);
            delivered = "notice to " + Destinations.MaskEmail(notifyAddress) + (outcome is DeliveryOutcome.Sent ? " sent" : " not delivered");
        }

        var from = old is null ? "(none)" : MfaMethods.Of(pending.Kind).Mask(old);
        await audit.RecordAsync(pending.IsEmail ? "profile.email_changed" : "profile.phone_changed", "succeeded", user.Id,
            detail: $"{from} to {pending.MaskedNewValue}; {delivered}", reference: reference, cancellationToken: cancellationToken);
        return new ContactChangeResult.Changed(reference);
    }

    /// <summary>Why a part of the name is not acceptable.</summary>
    private enum NameProblem
    {
        None,
        Missing,
        TooLong,
        Unusable,
    }

    private static NameProblem CheckName(string? value)
    {
        var trimmed = value?.Trim() ?? "";
        return trimmed.Length == 0 ? NameProblem.Missing
            : trimmed.Length > NameMaxLength ? NameProblem.TooLong
            : trimmed.Any(char.IsControl) ? NameProblem.Unusable
            : NameProblem.None;
    }

    private static string NoticeBody(MessageWords words, PendingContactChange pending, string? helpDeskPhone, string reference) =>
        words.Body(reference,
            pending.IsEmail ? words["ContactChanged.Email", pending.MaskedNewValue] : words["ContactChanged.Phone", pending.MaskedNewValue],
            helpDeskPhone is null ? words["ContactChanged.NotYou"] : words["ContactChanged.NotYouCall", helpDeskPhone]);
}
