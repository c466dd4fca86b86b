namespace IdentityHub.Server.Import;

/// <summary>
/// One person in an import file, as read. <see cref="Line"/> is the file line where the row starts
/// (the CSV header is line 1). <see cref="ReadProblem"/> is set when the row itself could not be read
/// (wrong number of CSV fields, a JSON value that is not text).
/// </summary>
public sealed record ImportRow(int Line)
{
    public string? UserName { get; init; }

    public string? GivenName { get; init; }

    public string? FamilyName { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public string? Organization { get; init; }

    public string? PasswordHash { get; init; }

    public string? ReadProblem { get; init; }
}

/// <summary>The fields of a row, by their names in the file (CSV header, JSON property).</summary>
public static class ImportFields
{
    public const string UserName = "username";
    public const string GivenName = "given_name";
    public const string FamilyName = "family_name";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Organization = "organization";
    public const string PasswordHash = "password_hash";

    public static readonly IReadOnlyList<string> All = [UserName, GivenName, FamilyName, Email, Phone, Organization, PasswordHash];

    /// <summary>The columns a CSV file must have; email, phone and organization may be left out.</summary>
    public static readonly IReadOnlyList<string> Required = [UserName, GivenName, FamilyName, PasswordHash];

    /// <summary>A row from field values by name (names already lower-case and known).</summary>
    public static ImportRow ToRow(int line, IReadOnlyDictionary<string, string?> values) => new(line)
    {
        UserName = values.GetValueOrDefault(UserName),
        GivenName = values.GetValueOrDefault(GivenName),
        FamilyName = values.GetValueOrDefault(FamilyName),
        Email = values.GetValueOrDefault(Email),
        Phone = values.GetValueOrDefault(Phone),
        Organization = values.GetValueOrDefault(Organization),
        PasswordHash = values.GetValueOrDefault(PasswordHash),
    };
}
