using System.Text.RegularExpressions;
using IdentityHub.Core.Mfa;
using IdentityHub.Core.Organizations;
using IdentityHub.Data.Organizations;

namespace IdentityHub.Administration.Organizations;

/// <summary>An organization as an administrator enters it (D1). The Tax ID is typed twice on forms; the API may send it once.</summary>
public sealed record OrganizationInput(
    string? Name,
    string? TaxId,
    string? TaxIdConfirmation,
    AddressInput? Address,
    string? Phone,
    string? Fax);

public sealed record AddressInput(string? Line1, string? Line2, string? City, string? State, string? PostalCode);

/// <summary>Checks an <see cref="OrganizationInput"/>, naming each field's mistake.</summary>
public static partial class OrganizationInputs
{
    /// <summary>US states, the District of Columbia and the territories, by postal code.</summary>
    private static readonly HashSet<string> States = new(StringComparer.Ordinal)
    {
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME",
        "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI",
        "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "AS", "GU", "MP", "PR", "VI",
    };

    /// <summary>The organization's stored form, or the problems by field.</summary>
    public static (Checked? Value, FieldProblems Problems) Check(OrganizationInput input)
    {
        var problems = new FieldProblems();
        var name = problems.Text("name", input.Name, "organization's name", 200);
        var taxId = TaxIds.Check(input.TaxId, input.TaxIdConfirmation);
        if (!taxId.IsValid)
        {
            problems.Add("taxId", taxId.Problem!);
        }

        var address = CheckAddress(problems, "address", input.Address);
        var phone = Phone(problems, "phone", input.Phone, "phone number", required: true);
        var fax = Phone(problems, "fax", input.Fax, "fax number", required: false);
        return problems.Any ? (null, problems) : (new Checked(name, taxId.Value!, address!, phone, fax), problems);
    }

    public static PostalAddress? CheckAddress(FieldProblems problems, string field, AddressInput? input)
    {
        var line1 = problems.Text(field + ".line1", input?.Line1, "street address", 200);
        var line2 = problems.Text(field + ".line2", input?.Line2, "second address line", 200, required: false);
        var city = problems.Text(field + ".city", input?.City, "city", 100);
        var state = (input?.State?.Trim() ?? "").ToUpperInvariant();
        if (!States.Contains(state))
        {
            problems.Add(field + ".state", "Enter the state as its two-letter postal code, for example NY.");
        }

        var zip = input?.PostalCode?.Trim() ?? "";
        if (!Zip().IsMatch(zip))
        {
            problems.Add(field + ".postalCode", "Enter a 5-digit ZIP code, or ZIP+4 such as 10001-1234.");
        }

        return problems.Any ? null : new PostalAddress
        {
            Line1 = line1,
            Line2 = line2.Length == 0 ? null : line2,
            City = city,
            State = state,
            PostalCode = zip.Length == 9 ? zip[..5] + "-" + zip[5..] : zip,
        };
    }

    internal static string? Phone(FieldProblems problems, string field, string? value, string label, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                problems.Add(field, $"Enter the {label}.");
            }

            return null;
        }

        var parsed = PhoneNumbers.Parse(value.Trim(), "US");
        if (!parsed.IsValid)
        {
            problems.Add(field, $"Enter a valid US {label}, for example (212) 555-0100.");
        }

        return parsed.E164;
    }

    [GeneratedRegex(@"^\d{5}(-?\d{4})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Zip();

    /// <summary>A checked input, ready to store.</summary>
    public sealed record Checked(string Name, string TaxId, PostalAddress Address, string? Phone, string? Fax);
}
