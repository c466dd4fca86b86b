using IdentityHub.Core.Mfa;
using IdentityHub.Data;
using IdentityHub.Data.Users;
using IdentityHub.Delivery;
using IdentityHub.Server.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Account;

/// <summary>
/// "Forgot your username?" (A6): every username tied to an email address goes to that address in one
/// message. The caller never learns whether there was any; the audit log does. An address gets at most
/// <c>IdentityHub:Account:MaxUsernameRemindersPerHour</c> (default 3) reminders an hour, so the page
/// cannot be used to flood someone's inbox; further requests read the same and send nothing.
/// </summary>
public sealed class UsernameReminders(
    IdentityHubDbContext db,
    UserManager<IdentityHubUser> users,
    IMessageSender sender,
    AuditLog audit,
    IConfiguration configuration,
    TimeProvider time)
{
    public const string Subject = "Your username";

    public const string MaxPerHourKey = "IdentityHub:Account:MaxUsernameRemindersPerHour";

    public const int DefaultMaxPerHour = 3;

    private int MaxPerHour => configuration.GetValue<int?>(MaxPerHourKey) is { } value && value > 0 ? value : DefaultMaxPerHour;

    public async Task SendAsync(string email, CancellationToken cancellationToken = default)
    {
        // Several accounts may share one address (RequireUniqueEmail is off): list them all.
        var normalized = users.NormalizeEmail(email.Trim());
        var accounts = await db.Users.Where(user => user.NormalizedEmail == normalized)
            .OrderBy(user => user.UserName)
            .Select(user => new { user.Id, user.UserName, user.Email })
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
        var body = Body(accounts.Select(account => account.UserName!), reference);
        var outcome = await sender.SendAsync(new DeliveryMessage(DeliveryKind.Email, accounts[0].Email!, Subject, body, reference), cancellationToken);
        var delivered = outcome is DeliveryOutcome.Sent ? "sent" : "not delivered";
        foreach (var account in accounts)
        {
            await audit.RecordAsync("account.forgot_username", "known", account.Id,
                detail: $"{accounts.Count} username(s) to {Destinations.MaskEmail(account.Email!)}: {delivered}", reference: reference, cancellationToken: cancellationToken);
        }
    }

    internal static string Body(IEnumerable<string> userNames, string reference) =>
        "Hello,\n\n" +
        "We received a request to send the username(s) connected with this email address.\n\n" +
        "Your health plan portal username(s): " + string.Join(", ", userNames) + "\n\n" +
        "If you did not ask for this, you can ignore this email. Your account has not changed.\n\n" +
        $"Reference number: {reference}";
}
