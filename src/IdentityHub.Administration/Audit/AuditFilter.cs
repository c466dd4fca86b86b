using System.Globalization;

namespace IdentityHub.Administration.Audit;

/// <summary>
/// Which audit events to read (D9), every part optional: a time range (<see cref="From"/> included,
/// <see cref="To"/> excluded), whom the event is about, who did it, the organization, the event's name, its
/// outcome and the reference number (as stored, "4F7K-9QXM").
/// </summary>
public sealed record AuditFilter(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? UserId = null,
    string? ActorId = null,
    string? OrganizationId = null,
    string? Event = null,
    string? Outcome = null,
    string? Reference = null);

/// <summary>
/// The filter as typed in a query string or the console's form, read into an <see cref="AuditFilter"/> with a
/// problem per parameter that cannot be used. A time is a date (<c>2026-03-01</c>, a whole day in UTC: as
/// <c>to</c> it includes that day) or a date and time (<c>2026-03-01T14:30:00Z</c>; without an offset, UTC).
/// </summary>
public sealed record AuditFilterInput(
    string? From = null,
    string? To = null,
    string? UserId = null,
    string? ActorId = null,
    string? OrganizationId = null,
    string? Event = null,
    string? Outcome = null,
    string? Reference = null)
{
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    public AdminResult<AuditFilter> Read()
    {
        var problems = new FieldProblems();
        var from = Time(problems, "from", From, endOfDay: false);
        var to = Time(problems, "to", To, endOfDay: true);
        if (from is not null && to is not null && from >= to)
        {
            problems.Add("from", "The start of the time range ('from') must be before its end ('to').");
        }

        var reference = string.IsNullOrWhiteSpace(Reference) ? null : AuditReferenceInput.Normalize(Reference);
        if (!string.IsNullOrWhiteSpace(Reference) && reference is null)
        {
            problems.Add("reference", "Enter the reference number as 8 letters and digits, for example 4F7K-9QXM.");
        }

        var filter = new AuditFilter(
            from,
            to,
            Optional(problems, "userId", UserId, "user id", 450),
            Optional(problems, "actorId", ActorId, "actor id", 450),
            Optional(problems, "organizationId", OrganizationId, "organization id", 32),
            Optional(problems, "event", Event, "event name", 64),
            Optional(problems, "outcome", Outcome, "outcome", 32),
            reference);
        return problems.Any ? new AdminResult<AuditFilter>.Invalid(problems.ToDictionary()) : new AdminResult<AuditFilter>.Done(filter);
    }

    private static DateTimeOffset? Time(FieldProblems problems, string field, string? value, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1) : start;
        }

        if (DateTimeOffset.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        problems.Add(field, $"Enter '{field}' as a date (2026-03-01) or a date and time (2026-03-01T14:30:00Z).");
        return null;
    }

    private static string? Optional(FieldProblems problems, string field, string? value, string label, int maxLength)
    {
        var text = problems.Text(field, value, label, maxLength, required: false);
        return text.Length == 0 ? null : text;
    }
}
