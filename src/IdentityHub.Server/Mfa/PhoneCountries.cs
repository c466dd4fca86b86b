using System.Globalization;
using IdentityHub.Core.Mfa;
using IdentityHub.Server.Texts;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Server.Mfa;

/// <summary>
/// The country list of a phone number field (profile page, enrollment wizard) in the reader's language: the names
/// are texts (<c>Country.MX</c>: "Mexico", "México"), since .NET names regions in English or in their own language
/// only. The United States first, then the rest by name in the reader's language.
/// </summary>
public static class PhoneCountries
{
    public static IReadOnlyList<CountryOption> InReaderLanguage(IStringLocalizer<AccountText> text)
    {
        var byName = StringComparer.Create(CultureInfo.CurrentCulture, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace);
        return
        [
            .. PhoneNumbers.Countries()
                .Select(country => country with { Name = Name(text, country) })
                .OrderBy(country => country.RegionCode == "US" ? 0 : 1)
                .ThenBy(country => country.Name, byName)
                .ThenBy(country => country.RegionCode, StringComparer.Ordinal),
        ];
    }

    /// <summary>The region's name from the texts; its English name when the texts have none (a region new to libphonenumber).</summary>
    private static string Name(IStringLocalizer<AccountText> text, CountryOption country)
    {
        var name = text["Country." + country.RegionCode];
        return name.ResourceNotFound ? country.Name : name.Value;
    }
}
