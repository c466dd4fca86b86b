namespace IdentityHub.Server.Members.Import;

/// <summary>
/// The columns of a roster file (docs/members.md#the-roster-file) and the header spellings each is known by. A
/// header is compared in lower case without spaces, underscores, dashes and dots, so <c>Member ID</c>,
/// <c>member_id</c> and <c>MEMBER-ID</c> are one column. Other columns are ignored and named in the summary.
/// </summary>
internal static class MemberColumns
{
    public const string MemberId = "member_id";
    public const string DateOfBirth = "date_of_birth";
    public const string LastName = "last_name";
    public const string Zip = "zip";
    public const string FirstName = "first_name";
    public const string PatientId = "patient_id";
    public const string Email = "email";
    public const string CoverageEnds = "coverage_ends";

    public static readonly string[] Required = [MemberId, DateOfBirth, LastName, Zip];

    /// <summary>Each column with the (squeezed) header spellings that name it; the first is the documented one.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Spellings = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [MemberId] = ["memberid", "membernumber", "memberno", "subscriberid", "subscribernumber", "insuredid"],
        [DateOfBirth] = ["dateofbirth", "dob", "birthdate", "birthday"],
        [LastName] = ["lastname", "familyname", "surname"],
        [Zip] = ["zip", "zipcode", "postalcode", "postcode", "zip5"],
        [FirstName] = ["firstname", "givenname"],
        [PatientId] = ["patientid", "fhirpatientid", "fhirid"],
        [Email] = ["email", "emailaddress", "mail"],
        [CoverageEnds] = ["coverageends", "coverageendson", "coverageend", "coverageenddate", "enddate", "termdate", "terminationdate"],
    };

    /// <summary>The column a header names, or null when it is not one of them.</summary>
    public static string? Of(string header)
    {
        var squeezed = string.Concat(header.Where(c => c is not (' ' or '_' or '-' or '.'))).Trim().ToLowerInvariant();
        return Spellings.FirstOrDefault(column => column.Value.Contains(squeezed, StringComparer.Ordinal)).Key;
    }
}
