using IdentityHub.Administration.Texts;

namespace IdentityHub.Administration.Governance;

/// <summary>
/// The reminder to an organization's administrators (D7): who needs their access confirmed, by when, where to
/// do it, and what happens if nobody does.
/// </summary>
public static class ReviewReminderMail
{
    public static (string Subject, string Body) Compose(MailWords words, string greetingName, string? organizationName, IReadOnlyList<DuePerson> due, string reference)
    {
        var earliest = due.Min(person => person.DueAt);
        var people = string.Join("\n", due.OrderBy(person => person.DueAt).Select(person =>
            words["AdminMail.Review.Person", person.Name, person.UserName ?? "", words.When(person.DueAt)]));
        return (words["AdminMail.Review.Subject", words.When(earliest)],
            words.Body(greetingName, reference,
                organizationName is null ? words["AdminMail.Review.IntroPlan", due.Count] : words["AdminMail.Review.Intro", due.Count, organizationName],
                people,
                words["AdminMail.Review.How"],
                words["AdminMail.Review.Otherwise"]));
    }
}
