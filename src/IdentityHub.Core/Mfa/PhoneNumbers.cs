using System.Collections.ObjectModel;
using System.Globalization;
using PhoneNumbers;
using LibPhoneNumber = PhoneNumbers.PhoneNumber;

namespace IdentityHub.Core.Mfa;

/// <summary>The outcome of reading a phone number typed on the enrollment page.</summary>
/// <param name="IsValid">Whether it is a valid number.</param>
/// <param name="E164">The number in E.164 (<c>+16505552652</c>), as stored; null when invalid.</param>
/// <param name="IsMobile">Whether it can receive text messages: mobile, or (as most US numbers are)
/// indistinguishable between fixed line and mobile.</param>
/// <param name="Problem">Why it is not a number, for the page to say in the reader's language; null when valid.</param>
public sealed record PhoneParseResult(bool IsValid, string? E164, bool IsMobile, PhoneProblem? Problem);

/// <summary>Why typed input is not a phone number.</summary>
public enum PhoneProblem
{
    /// <summary>Nothing was typed.</summary>
    Missing,

    /// <summary>Not a valid number for the chosen country (or for the country code it starts with).</summary>
    Invalid,
}

/// <summary>One entry of the country selector.</summary>
/// <param name="RegionCode">ISO 3166 region code, e.g. <c>US</c>.</param>
/// <param name="Name">English name, e.g. <c>United States</c>; the code when no name is known. Pages show the name in
/// the reader's language from the server's texts instead.</param>
/// <param name="CallingCode">Country calling code, e.g. 1 (shown as "+1").</param>
public sealed record CountryOption(string RegionCode, string Name, int CallingCode);

/// <summary>Phone input with a country selector, read with libphonenumber.</summary>
/// <remarks>Input such as <c>(650) 555-2652</c> with region <c>US</c>, or <c>+44 7400 123456</c> with any region.</remarks>
public static class PhoneNumbers
{
    private static readonly Lazy<ReadOnlyCollection<CountryOption>> CountryList = new(BuildCountries);

    /// <summary>
    /// Reads <paramref name="input"/> as a number of the region chosen in the selector (e.g. <c>US</c>);
    /// a number starting with <c>+</c> carries its own country code and may belong to another region.
    /// </summary>
    public static PhoneParseResult Parse(string input, string regionCode)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return Invalid(PhoneProblem.Missing);
        }

        var region = string.IsNullOrWhiteSpace(regionCode) ? "ZZ" : regionCode.Trim().ToUpperInvariant();
        var util = PhoneNumberUtil.GetInstance();

        LibPhoneNumber number;
        try
        {
            number = util.Parse(input.Trim(), region);
        }
        catch (NumberParseException)
        {
            return Invalid(PhoneProblem.Invalid);
        }

        if (!util.IsValidNumber(number))
        {
            return Invalid(PhoneProblem.Invalid);
        }

        var type = util.GetNumberType(number);
        var isMobile = type is PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE;
        return new PhoneParseResult(true, util.Format(number, PhoneNumberFormat.E164), isMobile, null);
    }

    /// <summary>
    /// A stored number (E.164) for reading: in the national format when it belongs to <paramref name="homeRegion"/>
    /// (<c>(414) 555-0123</c> for a US number and region <c>US</c>), otherwise internationally
    /// (<c>+44 7400 123456</c>). Anything that does not read as a number is returned as it is.
    /// </summary>
    public static string Format(string e164, string homeRegion)
    {
        ArgumentNullException.ThrowIfNull(e164);
        var util = PhoneNumberUtil.GetInstance();
        try
        {
            var number = util.Parse(e164, "ZZ");
            var home = string.IsNullOrWhiteSpace(homeRegion) ? "ZZ" : homeRegion.Trim().ToUpperInvariant();
            return util.Format(number, util.GetRegionCodeForNumber(number) == home ? PhoneNumberFormat.NATIONAL : PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }

    /// <summary>Every region libphonenumber knows, for the selector: US first, then the rest by name.</summary>
    public static IReadOnlyList<CountryOption> Countries() => CountryList.Value;

    private static PhoneParseResult Invalid(PhoneProblem problem) => new(false, null, false, problem);

    private static ReadOnlyCollection<CountryOption> BuildCountries()
    {
        var util = PhoneNumberUtil.GetInstance();
        var byName = StringComparer.Create(CultureInfo.InvariantCulture, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace);

        return util.GetSupportedRegions()
            .Select(region => new CountryOption(region, EnglishName(region), util.GetCountryCodeForRegion(region)))
            .OrderBy(country => country.RegionCode == "US" ? 0 : 1)
            .ThenBy(country => country.Name, byName)
            .ThenBy(country => country.RegionCode, StringComparer.Ordinal)
            .ToList()
            .AsReadOnly();
    }

    private static string EnglishName(string region)
    {
        try
        {
            var name = new RegionInfo(region).EnglishName;
            return string.IsNullOrWhiteSpace(name) ? region : name;
        }
        catch (ArgumentException)
        {
            // Some regions libphonenumber knows (e.g. AC, TA) have no .NET region data.
            return region;
        }
    }
}
