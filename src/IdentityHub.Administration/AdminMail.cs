using IdentityHub.Delivery;

namespace IdentityHub.Administration;

/// <summary>
/// Sends the emails that belong to administrative actions (an invitation, a decision on a registration
/// request). The action is saved first: a failed delivery never undoes it, and the caller gets a warning
/// to show instead, so an administrator can send it again.
/// </summary>
public sealed class AdminMail(IMessageSender sender)
{
    /// <summary>Whether a channel accepted the email.</summary>
    public async Task<bool> SendAsync(string to, string subject, string body, string reference, CancellationToken cancellationToken)
    {
        var outcome = await sender.SendAsync(new DeliveryMessage(DeliveryKind.Email, to, subject, body, reference), cancellationToken);
        return outcome is DeliveryOutcome.Sent;
    }

    /// <summary>"Tuesday, December 8, 2026 at 3:00 PM UTC": a date nobody misreads, in the one time zone every reader can look up.</summary>
    public static string When(DateTimeOffset at) =>
        at.UtcDateTime.ToString("dddd, MMMM d, yyyy 'at' h:mm tt 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"72 hours" or "3 days": a lifetime in words.</summary>
    public static string Duration(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } when span.TotalDays % 1 == 0 => span.TotalDays == 1 ? "1 day" : $"{span.TotalDays:0} days",
        { TotalHours: >= 1 } when span.TotalHours % 1 == 0 => span.TotalHours == 1 ? "1 hour" : $"{span.TotalHours:0} hours",
        _ => span.TotalMinutes <= 1 ? "1 minute" : $"{Math.Ceiling(span.TotalMinutes):0} minutes",
    };
}
