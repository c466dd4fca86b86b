using System.Text;
using IdentityHub.Core.Mfa;

namespace IdentityHub.Core.Tests.Mfa;

public sealed class TotpTests
{
    // RFC 6238 appendix B: the SHA-1 key is the ASCII text "12345678901234567890".
    private static readonly byte[] RfcSecret = Encoding.ASCII.GetBytes("12345678901234567890");
    private const string RfcSecretBase32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_111_111_111);

    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1_111_111_109L, "081804")]
    [InlineData(1_111_111_111L, "050471")]
    [InlineData(1_234_567_890L, "005924")]
    [InlineData(2_000_000_000L, "279037")]
    public void Codes_match_the_rfc_6238_sha1_test_vectors(long unixSeconds, string expected)
    {
        Assert.Equal(expected, Totp.CodeAt(RfcSecret, DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));
    }

    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(29L, 0L)]
    [InlineData(30L, 1L)]
    [InlineData(59L, 1L)]
    [InlineData(1_111_111_111L, 37_037_037L)]
    public void A_step_is_thirty_seconds_of_unix_time(long unixSeconds, long step)
    {
        Assert.Equal(step, Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));
    }

    [Fact]
    public void The_step_does_not_depend_on_the_offset_of_the_time_given()
    {
        var pacific = Now.ToOffset(TimeSpan.FromHours(-8));

        Assert.Equal(Totp.StepAt(Now), Totp.StepAt(pacific));
        Assert.Equal(Totp.CodeAt(RfcSecret, Now), Totp.CodeAt(RfcSecret, pacific));
    }

    [Fact]
    public void The_current_code_is_accepted_with_its_step()
    {
        var check = Totp.Verify(RfcSecret, "050471", Now, lastUsedStep: null);

        Assert.Equal(new TotpCheck(TotpOutcome.Accepted, Totp.StepAt(Now)), check);
    }

    [Theory]
    [InlineData(-30)]
    [InlineData(30)]
    public void One_step_of_clock_drift_either_way_is_accepted(int offsetSeconds)
    {
        var appTime = Now.AddSeconds(offsetSeconds);

        var check = Totp.Verify(RfcSecret, Totp.CodeAt(RfcSecret, appTime), Now, lastUsedStep: null);

        Assert.Equal(TotpOutcome.Accepted, check.Outcome);
        Assert.Equal(Totp.StepAt(appTime), check.MatchedStep);
    }

    [Theory]
    [InlineData(-60)]
    [InlineData(60)]
    [InlineData(-90)]
    [InlineData(90)]
    public void Two_steps_of_drift_are_refused(int offsetSeconds)
    {
        var check = Totp.Verify(RfcSecret, Totp.CodeAt(RfcSecret, Now.AddSeconds(offsetSeconds)), Now, lastUsedStep: null);

        Assert.Equal(new TotpCheck(TotpOutcome.Wrong, null), check);
    }

    [Fact]
    public void A_wrong_code_is_wrong()
    {
        var code = Totp.CodeAt(RfcSecret, Now);
        var wrong = code == "000000" ? "000001" : "000000";

        Assert.Equal(new TotpCheck(TotpOutcome.Wrong, null), Totp.Verify(RfcSecret, wrong, Now, lastUsedStep: null));
    }

    [Fact]
    public void A_code_for_another_secret_is_wrong()
    {
        var other = Encoding.ASCII.GetBytes("09876543210987654321");

        Assert.Equal(TotpOutcome.Wrong, Totp.Verify(other, "050471", Now, lastUsedStep: null).Outcome);
    }

    [Fact]
    public void The_same_code_is_accepted_once_even_within_its_window()
    {
        var first = Totp.Verify(RfcSecret, "050471", Now, lastUsedStep: null);
        var again = Totp.Verify(RfcSecret, "050471", Now.AddSeconds(5), first.MatchedStep);

        Assert.Equal(TotpOutcome.Accepted, first.Outcome);
        Assert.Equal(new TotpCheck(TotpOutcome.Replayed, first.MatchedStep), again);
    }

    [Fact]
    public void An_earlier_code_is_refused_after_a_later_one_was_used()
    {
        // The app ran a step ahead and its code was used; the code of the current step is then too old.
        var later = Totp.Verify(RfcSecret, Totp.CodeAt(RfcSecret, Now.AddSeconds(30)), Now, lastUsedStep: null);
        var earlier = Totp.Verify(RfcSecret, Totp.CodeAt(RfcSecret, Now), Now, later.MatchedStep);

        Assert.Equal(TotpOutcome.Accepted, later.Outcome);
        Assert.Equal(new TotpCheck(TotpOutcome.Replayed, Totp.StepAt(Now)), earlier);
    }

    [Fact]
    public void The_next_code_is_accepted_after_the_previous_one_was_used()
    {
        var previous = Totp.StepAt(Now) - 1;

        var check = Totp.Verify(RfcSecret, "050471", Now, previous);

        Assert.Equal(new TotpCheck(TotpOutcome.Accepted, Totp.StepAt(Now)), check);
    }

    [Theory]
    [InlineData("050 471")]
    [InlineData("050-471")]
    [InlineData(" 050471 ")]
    [InlineData("０５０４７１")]
    public void Spaces_dashes_and_full_width_digits_are_tolerated(string entered)
    {
        Assert.Equal(TotpOutcome.Accepted, Totp.Verify(RfcSecret, entered, Now, lastUsedStep: null).Outcome);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("05047")]
    [InlineData("0504711")]
    [InlineData("05047a")]
    [InlineData("abcdef")]
    [InlineData("050.471")]
    public void Input_that_is_not_six_digits_is_malformed(string entered)
    {
        Assert.Equal(new TotpCheck(TotpOutcome.Malformed, null), Totp.Verify(RfcSecret, entered, Now, lastUsedStep: null));
    }

    [Fact]
    public void An_empty_secret_is_a_bug()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Totp.Verify([], "050471", Now, lastUsedStep: null));
        Assert.Throws<ArgumentOutOfRangeException>(() => Totp.CodeAt([], Now));
    }

    [Fact]
    public void A_new_secret_is_twenty_random_bytes()
    {
        var first = Totp.NewSecret();
        var second = Totp.NewSecret();

        Assert.Equal(20, first.Length);
        Assert.Equal(20, second.Length);
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY")]
    [InlineData("fo", "MZXQ")]
    [InlineData("foo", "MZXW6")]
    [InlineData("foob", "MZXW6YQ")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI")]
    public void Base32_is_rfc_4648_without_padding(string text, string base32)
    {
        var bytes = Encoding.ASCII.GetBytes(text);

        Assert.Equal(base32, Totp.ToBase32(bytes));
        Assert.Equal(bytes, Totp.FromBase32(base32));
    }

    [Fact]
    public void Base32_round_trips_a_new_secret()
    {
        var secret = Totp.NewSecret();

        Assert.Equal(secret, Totp.FromBase32(Totp.ToBase32(secret)));
    }

    [Fact]
    public void The_key_is_shown_in_groups_of_four()
    {
        Assert.Equal(RfcSecretBase32, Totp.ToBase32(RfcSecret));
        Assert.Equal("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ", Totp.ForDisplay(RfcSecret));
        Assert.Equal("MZXW 6YTB OI", Totp.ForDisplay(Encoding.ASCII.GetBytes("foobar")));
    }

    [Theory]
    [InlineData("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ")]
    [InlineData("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")]
    [InlineData("GEZD-GNBV-GY3T-QOJQ-GEZD-GNBV-GY3T-QOJQ")]
    public void A_key_as_displayed_or_typed_reads_back(string typed)
    {
        Assert.Equal(RfcSecret, Totp.FromBase32(typed));
    }

    [Theory]
    [InlineData("GEZD1")]
    [InlineData("GEZD8")]
    [InlineData("GEZ?")]
    public void Text_that_is_not_base32_is_refused(string text)
    {
        Assert.Throws<ArgumentException>(() => Totp.FromBase32(text));
    }

    [Fact]
    public void The_key_uri_names_issuer_and_account_and_the_parameters()
    {
        var uri = Totp.OtpAuthUri(RfcSecret, "Health Plan", "r.roe@hpsm.org");

        Assert.Equal(
            "otpauth://totp/Health%20Plan:r.roe%40hpsm.org?secret=" + RfcSecretBase32 +
            "&issuer=Health%20Plan&algorithm=SHA1&digits=6&period=30",
            uri);
    }

    [Fact]
    public void The_key_uri_escapes_characters_that_would_break_the_label_or_query()
    {
        var uri = Totp.OtpAuthUri(RfcSecret, "A&B: Plan", "a:b?c");

        Assert.StartsWith("otpauth://totp/A%26B%3A%20Plan:a%3Ab%3Fc?secret=", uri, StringComparison.Ordinal);
        Assert.Contains("&issuer=A%26B%3A%20Plan&", uri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "user")]
    [InlineData("Plan", " ")]
    public void The_key_uri_needs_an_issuer_and_an_account(string issuer, string account)
    {
        Assert.Throws<ArgumentException>(() => Totp.OtpAuthUri(RfcSecret, issuer, account));
    }
}
