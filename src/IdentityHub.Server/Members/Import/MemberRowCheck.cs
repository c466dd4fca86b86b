using System.Globalization;
using IdentityHub.Core.Accounts;
using IdentityHub.Core.Members;
using IdentityHub.Data.Members;
using IdentityHub.Server.Members.Webhook;

namespace IdentityHub.Server.Members.Import;

/// <summary>
/// Checks one row of a roster file and turns it into a <see cref="RosterMember"/>: a member id of 1 to 64 letters
/// and digits once spaces and dashes are dropped, a birth date (<c>yyyy-MM-dd</c> or <c>MM/dd/yyyy</c>) after 1900
/// and not in the future, a last name with letters, a ZIP of 5 or 9 digits, and when given a FHIR Patient id, an
/// email address and a coverage end date. Every problem of the row is named, in words a plan's clerk can act on.
/// </summary>
internal static class MemberRowCheck
{
    private static readonly DateOnly Earliest = new(1900, 1, 1);
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "M/d/yyyy"];

    public static (RosterMember? Member, string? Problem) Check(MemberRow row, DateOnly today)
    {
        if (row.ReadProblem is not null)
        {
            return (null, row.ReadProblem);
        }

        var problems = new List<string>();
        var memberId = row[MemberColumns.MemberId];
        var normalizedId = MemberFields.NormalizeMemberId(memberId);
        if (memberId is null)
        {
            problems.Add("The member id is empty.");
        }
        else if (normalizedId.Length == 0 || memberId.Length > 64 || normalizedId.Length > 64)
        {
            problems.Add($"The member id '{memberId}' must have 1 to 64 letters and digits.");
        }

        var birth = Date(row[MemberColumns.DateOfBirth]);
        if (row[MemberColumns.DateOfBirth] is not { } birthText)
        {
            problems.Add("The date of birth is empty.");
        }
        else if (birth is null)
        {
            problems.Add($"The date of birth '{birthText}' is not a date like 1950-04-12 or 04/12/1950.");
        }
        else if (birth > today || birth < Earliest)
        {
            problems.Add($"The date of birth '{birthText}' is {(birth > today ? "in the future" : "before 1900")}.");
        }

        var lastName = row[MemberColumns.LastName];
        if (lastName is null || MemberFields.NormalizeName(lastName).Length == 0)
        {
            problems.Add(lastName is null ? "The last name is empty." : $"The last name '{lastName}' has no letters.");
        }
        else if (lastName.Length > 100)
        {
            problems.Add("The last name is longer than 100 characters.");
        }

        var zip = row[MemberColumns.Zip];
        var zipDigits = new string((zip ?? "").Where(c => c is not (' ' or '-')).ToArray());
        if (zip is null)
        {
            problems.Add("The ZIP code is empty.");
        }
        else if (zipDigits.Length is not (5 or 9) || !zipDigits.All(char.IsAsciiDigit))
        {
            var hint = zipDigits.Length is 3 or 4 or 7 or 8 && zipDigits.All(char.IsAsciiDigit) ? " (a spreadsheet may have dropped its leading zeros: format the column as text)" : "";
            problems.Add($"The ZIP code '{zip}' must have 5 or 9 digits{hint}.");
        }

        var firstName = row[MemberColumns.FirstName];
        if (firstName is { Length: > 100 })
        {
            problems.Add("The first name is longer than 100 characters.");
        }

        var patientId = row[MemberColumns.PatientId];
        if (patientId is not null && !RosterReply.IsFhirId(patientId))
        {
            problems.Add($"The patient id '{patientId}' must be a FHIR id: 1 to 64 letters, digits, '-' or '.'.");
        }

        var email = row[MemberColumns.Email];
        if (email is not null && !EmailAddresses.IsValid(email))
        {
            problems.Add($"The email '{email}' is not an address like name@example.com.");
        }

        var endsText = row[MemberColumns.CoverageEnds];
        var ends = Date(endsText);
        if (endsText is not null && ends is null)
        {
            problems.Add($"The coverage end date '{endsText}' is not a date like 2027-12-31 or 12/31/2027.");
        }

        if (problems.Count > 0)
        {
            return (null, string.Join(" ", problems));
        }

        return (new RosterMember
        {
            MemberId = memberId!,
            NormalizedMemberId = normalizedId,
            DateOfBirth = birth!.Value,
            GivenName = firstName,
            FamilyName = lastName!,
            NormalizedFamilyName = MemberFields.NormalizeName(lastName),
            PostalCode = zipDigits[..5],
            PatientId = patientId,
            Email = email,
            CoverageEndsOn = ends,
        }, null);
    }

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
