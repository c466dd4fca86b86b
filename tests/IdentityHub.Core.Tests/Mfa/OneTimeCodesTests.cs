using IdentityHub.Core.Mfa;

namespace IdentityHub.Core.Tests.Mfa;

public sealed class OneTimeCodesTests
{
    private const string Purpose = "sign-in";
    private const string Binding = "attempt-1";

    [Theory]
    [InlineData(6)]
    [InlineData(8)]
    [InlineData(10)]
    public void A_code_has_the_length_asked_for_and_only_digits(int length)
    {
        var code = OneTimeCodes.Generate(length);

        Assert.Equal(length, code.Length);
        Assert.All(code, c => Assert.True(char.IsAsciiDigit(c)));
    }

    [Fact]
    public void A_length_below_one_is_a_bug()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OneTimeCodes.Generate(0));
    }

    [Fact]
    public void Every_digit_appears_in_every_position_including_leading_zeros()
    {
        // 10,000 draws: the chance that one digit never shows in one position is about 10^-454.
        var seen = new bool[6, 10];
        for (var i = 0; i < 10_000; i++)
        {
            var code = OneTimeCodes.Generate(6);
            for (var position = 0; position < 6; position++)
            {
                seen[position, code[position] - '0'] = true;
            }
        }

        for (var position = 0; position < 6; position++)
        {
            for (var digit = 0; digit < 10; digit++)
            {
                Assert.True(seen[position, digit], $"digit {digit} never appeared at position {position}");
            }
        }
    }

    [Fact]
    public void Digits_are_roughly_uniform()
    {
        // 60,000 digits, 6,000 expected per digit; the bounds are about 10 standard deviations wide.
        var counts = new int[10];
        for (var i = 0; i < 10_000; i++)
        {
            foreach (var c in OneTimeCodes.Generate(6))
            {
                counts[c - '0']++;
            }
        }

        Assert.All(counts, count => Assert.InRange(count, 5_250, 6_750));
    }

    [Fact]
    public void Salts_are_16_random_bytes_in_base64url()
    {
        var salt = OneTimeCodes.NewSalt();

        Assert.Equal(22, salt.Length);
        Assert.DoesNotContain('=', salt);
        Assert.DoesNotContain('+', salt);
        Assert.DoesNotContain('/', salt);
        Assert.NotEqual(salt, OneTimeCodes.NewSalt());
    }

    [Fact]
    public void The_same_inputs_hash_the_same()
    {
        var salt = OneTimeCodes.NewSalt();

        Assert.Equal(OneTimeCodes.Hash("123456", salt, Purpose, Binding), OneTimeCodes.Hash("123456", salt, Purpose, Binding));
    }

    [Fact]
    public void A_different_code_purpose_binding_or_salt_hashes_differently()
    {
        var salt = OneTimeCodes.NewSalt();
        var hash = OneTimeCodes.Hash("123456", salt, Purpose, Binding);

        Assert.NotEqual(hash, OneTimeCodes.Hash("123457", salt, Purpose, Binding));
        Assert.NotEqual(hash, OneTimeCodes.Hash("123456", salt, "enrollment", Binding));
        Assert.NotEqual(hash, OneTimeCodes.Hash("123456", salt, Purpose, "attempt-2"));
        Assert.NotEqual(hash, OneTimeCodes.Hash("123456", OneTimeCodes.NewSalt(), Purpose, Binding));
    }

    [Fact]
    public void The_hash_does_not_contain_the_code()
    {
        var hash = OneTimeCodes.Hash("123456", OneTimeCodes.NewSalt(), Purpose, Binding);

        Assert.DoesNotContain("123456", hash, StringComparison.Ordinal);
    }

    [Fact]
    public void A_purpose_with_the_separator_is_refused()
    {
        Assert.Throws<ArgumentException>(() => OneTimeCodes.Hash("123456", OneTimeCodes.NewSalt(), "sign|in", Binding));
    }

    [Theory]
    [InlineData("012345")]
    [InlineData(" 012345 ")]
    [InlineData("012 345")]
    [InlineData("012-345")]
    [InlineData("0 1 2 3 4 5")]
    [InlineData("012\u2013345")]
    [InlineData("\uFF10\uFF11\uFF12\uFF13\uFF14\uFF15")]
    public void Matches_accepts_the_code_as_typed_or_pasted(string entered)
    {
        var salt = OneTimeCodes.NewSalt();
        var hash = OneTimeCodes.Hash("012345", salt, Purpose, Binding);

        Assert.True(OneTimeCodes.Matches(entered, salt, Purpose, Binding, hash));
    }

    [Theory]
    [InlineData("012346")]
    [InlineData("12345")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("01234a")]
    public void Matches_rejects_anything_else(string entered)
    {
        var salt = OneTimeCodes.NewSalt();
        var hash = OneTimeCodes.Hash("012345", salt, Purpose, Binding);

        Assert.False(OneTimeCodes.Matches(entered, salt, Purpose, Binding, hash));
    }

    [Fact]
    public void Matches_rejects_the_right_code_for_another_purpose_or_attempt()
    {
        var salt = OneTimeCodes.NewSalt();
        var hash = OneTimeCodes.Hash("012345", salt, Purpose, Binding);

        Assert.False(OneTimeCodes.Matches("012345", salt, "enrollment", Binding, hash));
        Assert.False(OneTimeCodes.Matches("012345", salt, Purpose, "attempt-2", hash));
    }

    [Fact]
    public void Matches_rejects_a_garbled_stored_hash()
    {
        var salt = OneTimeCodes.NewSalt();

        Assert.False(OneTimeCodes.Matches("012345", salt, Purpose, Binding, "not a hash"));
        Assert.False(OneTimeCodes.Matches("012345", salt, Purpose, Binding, ""));
    }

    [Theory]
    [InlineData(" 123 456 ", "123456")]
    [InlineData("123-456", "123456")]
    [InlineData("12\u00A034\t56", "123456")]
    [InlineData("12a456", "12a456")]
    [InlineData(null, "")]
    public void Normalize_keeps_digits_and_anything_that_makes_the_input_malformed(string? entered, string expected)
    {
        Assert.Equal(expected, OneTimeCodes.Normalize(entered!));
    }
}
