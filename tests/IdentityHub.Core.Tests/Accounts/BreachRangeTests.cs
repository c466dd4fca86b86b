using IdentityHub.Core.Accounts;

namespace IdentityHub.Core.Tests.Accounts;

public sealed class BreachRangeTests
{
    private const string Suffix = "1E4C9B93F3F0682250B6CF8331B7EE68FD8";

    [Fact]
    public void The_sha1_is_split_into_a_five_digit_prefix_and_the_rest_in_upper_case_hex()
    {
        Assert.Equal(("5BAA6", Suffix), BreachRange.Split("password"));
    }

    [Fact]
    public void The_password_is_hashed_as_utf8_exactly_as_typed()
    {
        var (prefix, suffix) = BreachRange.Split("pässwörd 🔑");

        Assert.Equal("34C649930D47C06CB12883534499C8531BEB09BD", prefix + suffix);
    }

    [Fact]
    public void The_count_of_a_listed_suffix_is_read_from_its_line()
    {
        var body = "0018A45C4D1DEF81644B54AB7F969B88D65:21\r\n" + Suffix + ":52579\r\n00D4F6E8FA6EECAD2A3AA415EEC418D38EC:2\r\n";

        Assert.Equal(52579, BreachRange.CountOf(body, Suffix));
    }

    [Fact]
    public void Suffixes_compare_ignoring_case_either_way()
    {
        Assert.Equal(3, BreachRange.CountOf(Suffix.ToLowerInvariant() + ":3", Suffix));
        Assert.Equal(3, BreachRange.CountOf(Suffix + ":3", Suffix.ToLowerInvariant()));
    }

    [Fact]
    public void A_suffix_not_listed_counts_zero()
    {
        Assert.Equal(0, BreachRange.CountOf("0018A45C4D1DEF81644B54AB7F969B88D65:21\n", Suffix));
        Assert.Equal(0, BreachRange.CountOf("", Suffix));
    }

    [Fact]
    public void Padding_lines_with_count_zero_are_ignored()
    {
        Assert.Equal(0, BreachRange.CountOf(Suffix + ":0\n", Suffix));
        Assert.Equal(7, BreachRange.CountOf(Suffix + ":0\n" + Suffix + ":7\n", Suffix));
    }

    [Theory]
    [InlineData(Suffix)]
    [InlineData(Suffix + ":")]
    [InlineData(Suffix + ":many")]
    [InlineData(Suffix + ":-4")]
    [InlineData(Suffix + ":1.5")]
    [InlineData(Suffix + "0:4")]
    [InlineData("1E4C9B93F3F0682250B6CF8331B7EE68FD:4")]
    [InlineData("XE4C9B93F3F0682250B6CF8331B7EE68FD8:4")]
    [InlineData(Suffix + ":4:4")]
    [InlineData("<html>" + Suffix + ":4</html>")]
    public void Malformed_lines_are_skipped(string line)
    {
        Assert.Equal(0, BreachRange.CountOf("garbage\n" + line + "\nmore garbage", Suffix));
    }

    [Fact]
    public void Spaces_around_a_line_and_its_count_are_tolerated_and_huge_counts_saturate()
    {
        Assert.Equal(12, BreachRange.CountOf("  " + Suffix + ": 12  \n", Suffix));
        Assert.Equal(int.MaxValue, BreachRange.CountOf(Suffix + ":99999999999\n", Suffix));
    }
}
