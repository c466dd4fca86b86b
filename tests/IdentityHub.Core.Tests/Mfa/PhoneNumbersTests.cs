using IdentityHub.Core.Mfa;

namespace IdentityHub.Core.Tests.Mfa;

public sealed class PhoneNumbersTests
{
    [Theory]
    [InlineData("(650) 253-0000")]
    [InlineData("650-253-0000")]
    [InlineData("650.253.0000")]
    [InlineData("6502530000")]
    [InlineData("1 650 253 0000")]
    [InlineData("+1 650 253 0000")]
    [InlineData(" +16502530000 ")]
    public void Us_numbers_in_any_usual_format_are_stored_in_e164(string input)
    {
        var result = PhoneNumbers.Parse(input, "US");

        Assert.True(result.IsValid);
        Assert.Equal("+16502530000", result.E164);
        Assert.True(result.IsMobile);
        Assert.Null(result.Problem);
    }

    [Fact]
    public void The_region_code_is_case_insensitive()
    {
        Assert.Equal("+16502530000", PhoneNumbers.Parse("(650) 253-0000", "us").E164);
    }

    [Fact]
    public void An_international_number_with_plus_carries_its_own_country()
    {
        var result = PhoneNumbers.Parse("+44 7400 123456", "US");

        Assert.True(result.IsValid);
        Assert.Equal("+447400123456", result.E164);
    }

    [Fact]
    public void A_uk_mobile_is_mobile()
    {
        var result = PhoneNumbers.Parse("07400 123456", "GB");

        Assert.True(result.IsValid);
        Assert.Equal("+447400123456", result.E164);
        Assert.True(result.IsMobile);
    }

    [Fact]
    public void Ofcoms_drama_range_is_not_a_real_mobile()
    {
        // 07700 900xxx is reserved for fiction; libphonenumber does not accept it, so tests must not use it.
        Assert.False(PhoneNumbers.Parse("07700 900123", "GB").IsValid);
    }

    [Fact]
    public void A_us_number_like_the_seed_is_valid_and_may_receive_texts()
    {
        var result = PhoneNumbers.Parse("(650) 555-2652", "US");

        Assert.True(result.IsValid);
        Assert.Equal("+16505552652", result.E164);
        Assert.True(result.IsMobile);
    }

    [Fact]
    public void A_uk_landline_is_valid_but_cannot_receive_texts()
    {
        var result = PhoneNumbers.Parse("020 7946 0018", "GB");

        Assert.True(result.IsValid);
        Assert.Equal("+442079460018", result.E164);
        Assert.False(result.IsMobile);
    }

    [Theory]
    [InlineData("(767)", "US")]
    [InlineData("123", "US")]
    [InlineData("(650) 253-00000", "US")]
    [InlineData("(123) 456-7890", "US")]
    [InlineData("call me", "US")]
    [InlineData("6502530000", "")]
    [InlineData("6502530000", "XX")]
    public void Invalid_input_gets_a_plain_sentence(string input, string region)
    {
        var result = PhoneNumbers.Parse(input, region);

        Assert.False(result.IsValid);
        Assert.Null(result.E164);
        Assert.Equal(PhoneProblem.Invalid, result.Problem);
    }

    [Fact]
    public void Empty_input_asks_for_a_number()
    {
        var result = PhoneNumbers.Parse("  ", "US");

        Assert.False(result.IsValid);
        Assert.Equal(PhoneProblem.Missing, result.Problem);
    }

    [Fact]
    public void The_country_list_starts_with_the_us_then_goes_by_name()
    {
        var countries = PhoneNumbers.Countries();

        Assert.Equal(new CountryOption("US", "United States", 1), countries[0]);
        Assert.Equal(1, countries[0].CallingCode);
        Assert.True(countries.Count > 200);
        Assert.Single(countries, country => country.RegionCode == "US");

        var rest = countries.Skip(1).Select(country => country.Name).ToList();
        Assert.Equal(rest.Order(StringComparer.Create(System.Globalization.CultureInfo.InvariantCulture, System.Globalization.CompareOptions.IgnoreCase | System.Globalization.CompareOptions.IgnoreNonSpace)), rest);
    }

    [Fact]
    public void The_country_list_has_names_and_calling_codes()
    {
        var countries = PhoneNumbers.Countries();

        Assert.Contains(new CountryOption("GB", "United Kingdom", 44), countries);
        Assert.Contains(new CountryOption("MX", "Mexico", 52), countries);
        Assert.Contains(new CountryOption("CA", "Canada", 1), countries);
        Assert.All(countries, country => Assert.False(string.IsNullOrWhiteSpace(country.Name)));
    }

    [Theory]
    [InlineData("+14145550123", "US", "(414) 555-0123")]
    [InlineData("+14145550123", "us", "(414) 555-0123")]
    [InlineData("+447400123456", "US", "+44 7400 123456")]
    [InlineData("+525512345678", "MX", "55 1234 5678")]
    [InlineData("+14165550123", "US", "+1 416-555-0123")]
    [InlineData("not a number", "US", "not a number")]
    public void A_stored_number_reads_nationally_at_home_and_internationally_otherwise(string stored, string home, string shown)
    {
        Assert.Equal(shown, PhoneNumbers.Format(stored, home));
    }
}
