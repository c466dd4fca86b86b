using IdentityHub.Core.Mfa;
using IdentityHub.Data;
using IdentityHub.Data.Users;
using IdentityHub.Delivery;
using IdentityHub.Hosting.Wording;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Wording;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Account;

/// <summary>
/// "Forgot your username?" (A6): every username tied to an email address goes to that address in one
/// message. The caller never learns whether there was any; the audit log does. An address gets at most
/// <c>IdentityHub:Account:MaxUsernameRemindersPerHour</c> (default 3) reminders an hour, so the page
/// cannot be used to flood someone's inbox; further requests read the same and send nothing. The email is
/// in the language saved on the first of the accounts, else the page's.
/// </summary>
public sealed class UsernameReminders(
    IdentityHubDbContext db,
    UserManager<IdentityHubUser> users,
    IMessageSender sender,
    AuditLog audit,
    LanguageTexts texts,
    IConfiguration configuration,
    TimeProvider time)
{
    public const string MaxPerHourKey = "IdentityHub:Account:MaxUsernameRemindersPerHour";

    public const int DefaultMaxPerHour = 3;

    private int MaxPerHour => configuration.GetValue<int?>(MaxPerHourKey) is { } value && value > 0 ? value : DefaultMaxPerHour;

    public async Task SendAsync(string email, CancellationToken cancellationToken = default)
    {
        // Several accounts may share one address (RequireUniqueEmail is off): list them all.
        var normalized = users.NormalizeEmail(email.Trim());
        var accounts = await db.Users.Where(user => user.NormalizedEmail == normalized)
            .OrderBy(user => user.UserName)
            .Select(user => new { user.Id, user.UserName, user.Email, user.PreferredLanguage })
            .ToListAsync(cancellationToken);
        if (accounts.Count == 0)
        {
            await audit.RecordAsync("account.forgot_username", "unknown", userId: null, cancellationToken: cancellationToken);
            return;
        }

        var since = time.GetUtcNow() - TimeSpan.FromHours(1);
        var recent = await db.AuditEvents.CountAsync(
            e => e.UserId == accounts[0].Id && e.Event == "account.forgot_username" && e.Outcome == "known" && e.OccurredAt > since, cancellationToken);
        if (recent >= MaxPerHour)
        {
            await audit.RecordAsync("account.forgot_username", "throttled", accounts[0].Id, cancellationToken: cancellationToken);
            return;
        }

        var reference = AuditLog.NewReference();
        var words = new MessageWords(texts, SupportedLanguages.Match(accounts[0].PreferredLanguage) ?? SupportedLanguages.Current);
        var body = words.Body(reference,
            words["UsernameReminder.Request"],
            words["UsernameReminder.Names", string.Join(", ", accounts.Select(account => account.UserName!))],
            words["UsernameReminder.NotYou"]);
        var outcome = await sender.SendAsync(new DeliveryMessage(DeliveryKind.Email, accounts[0].Email!, words["UsernameReminder.Subject"], body, reference), cancellationToken);
        var delivered = outcome is DeliveryOutcome.Sent ? "sent" : "not delivered";
        foreach (var account in accounts)
        {
            await audit.RecordAsync("account.forgot_username", "known", account.Id,
                detail: $"{accounts.Count} username(s) to {Destinations.MaskEmail(account.Email!)}: {delivered}", reference: reference, cancellationToken: cancellationToken);
        }
    }
}
