using System.Globalization;
using System.Text.RegularExpressions;
using IdentityHub.Server.Texts;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Server.Pages.Organizations;

/// <summary>
/// The registration form's mistakes in the page's language. The administration library names them in
/// English (its API answers in English, as problem details do); each sentence it can give on this form
/// has a text in OrganizationText whose English is the same sentence, so an English page reads as before
/// and the plan can reword it. A sentence not known here is shown as the library wrote it.
/// </summary>
internal static partial class RegistrationProblems
{
    private static readonly Dictionary<string, string> Fixed = new(StringComparer.Ordinal)
    {
        ["Enter an email address like name@example.com."] = "Register.Problem.EmailShape",
        ["Enter the state as its two-letter postal code, for example NY."] = "Register.Problem.State",
        ["Enter a 5-digit ZIP code, or ZIP+4 such as 10001-1234."] = "Register.Problem.PostalCode",
        ["Enter a valid US phone number, for example (212) 555-0100."] = "Register.Problem.Phone",
        ["Enter a valid US fax number, for example (212) 555-0100."] = "Register.Problem.Fax",
        ["Enter the organization's Tax ID: 9 digits."] = "Register.Problem.TaxIdRequired",
        ["Enter the Tax ID as 9 digits only, without dashes or spaces."] = "Register.Problem.TaxIdSeparators",
        ["A Tax ID has digits only."] = "Register.Problem.TaxIdDigits",
        ["The two Tax IDs do not match. Enter the same 9 digits in both boxes."] = "Register.Problem.TaxIdMismatch",
        ["The secondary administrator must be a different person: enter their own email address."] = "Register.Problem.SameAdministrator",
    };

    /// <summary>The words for <paramref name="problem"/>, which the library gave for <paramref name="field"/> ("address.city", "primary.givenName").</summary>
    public static string Translate(string field, string problem, IStringLocalizer<OrganizationText> text)
    {
        if (Fixed.TryGetValue(problem, out var key))
        {
            return text[key].Value;
        }

        var part = FieldPart(field);
        if (TooLong().Match(problem) is { Success: true } tooLong && Known(text, "Register.Field." + part) is { } longField)
        {
            return text["Register.Problem.TooLong", longField, int.Parse(tooLong.Groups[1].Value, CultureInfo.InvariantCulture)].Value;
        }

        if (ControlCharacters().IsMatch(problem) && Known(text, "Register.Field." + part) is { } controlField)
        {
            return text["Register.Problem.ControlCharacters", controlField].Value;
        }

        if (TaxIdLength().Match(problem) is { Success: true } length)
        {
            return text["Register.Problem.TaxIdLength", int.Parse(length.Groups[1].Value, CultureInfo.InvariantCulture)].Value;
        }

        if (Required().IsMatch(problem) && Known(text, $"Register.Problem.{part}Required") is { } required)
        {
            return required;
        }

        return problem;
    }

    /// <summary>"address.line1" is Line1, "primary.givenName" GivenName.</summary>
    private static string FieldPart(string field)
    {
        var last = field[(field.LastIndexOf('.') + 1)..];
        return last.Length == 0 ? "" : char.ToUpperInvariant(last[0]) + last[1..];
    }

    private static string? Known(IStringLocalizer text, string key) => text[key] is { ResourceNotFound: false } found ? found.Value : null;

    [GeneratedRegex(@"^The .+ can be at most (\d{1,6}) characters long\.$", RegexOptions.CultureInvariant)]
    private static partial Regex TooLong();

    [GeneratedRegex(@"^The .+ cannot contain control characters\.$", RegexOptions.CultureInvariant)]
    private static partial Regex ControlCharacters();

    [GeneratedRegex(@"^A Tax ID has 9 digits; this one has (\d{1,6})\.$", RegexOptions.CultureInvariant)]
    private static partial Regex TaxIdLength();

    [GeneratedRegex(@"^Enter the [^.]+\.$", RegexOptions.CultureInvariant)]
    private static partial Regex Required();
}
