using System.Text.RegularExpressions;
using IdentityHub.Core.Mfa;

namespace IdentityHub.Core.Tests.Mfa;

public sealed partial class RecoveryCodesTests
{
    [GeneratedRegex("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")]
    private static partial Regex CodeFormat();

    [Fact]
    public void A_set_is_ten_distinct_codes_in_three_groups_of_four()
    {
        var codes = RecoveryCodes.Generate();

        Assert.Equal(RecoveryCodes.Count, codes.Count);
        Assert.Equal(10, codes.Count);
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, code => Assert.Matches(CodeFormat(), code));
    }

    [Fact]
    public void Codes_use_every_character_of_the_alphabet_and_no_look_alikes()
    {
        // 1,000 sets of 120 characters: the chance that one of 32 characters never shows is about 10^-1640.
        var seen = new HashSet<char>();
        for (var i = 0; i < 1_000; i++)
        {
            foreach (var code in RecoveryCodes.Generate())
            {
                seen.UnionWith(code.Replace("-", string.Empty, StringComparison.Ordinal));
            }
        }

        Assert.Equal("0123456789ABCDEFGHJKMNPQRSTVWXYZ", string.Concat(seen.Order()));
    }

    [Fact]
    public void Two_sets_differ()
    {
        Assert.Empty(RecoveryCodes.Generate().Intersect(RecoveryCodes.Generate()));
    }

    [Theory]
    [InlineData("7KQ2-M9XD-4HTP", "7KQ2M9XD4HTP")]
    [InlineData("7kq2-m9xd-4htp", "7KQ2M9XD4HTP")]
    [InlineData(" 7KQ2 M9XD 4HTP ", "7KQ2M9XD4HTP")]
    [InlineData("7KQ2–M9XD—4HTP", "7KQ2M9XD4HTP")]
    [InlineData("O0o0-IiLl-1111", "00001111" + "1111")]
    [InlineData("", "")]
    public void Normalising_upper_cases_drops_separators_and_maps_look_alikes(string entered, string expected)
    {
        Assert.Equal(expected, RecoveryCodes.Normalize(entered));
    }

    [Fact]
    public void A_salt_is_sixteen_random_bytes_in_base64url()
    {
        var salt = RecoveryCodes.NewSalt();

        Assert.Equal(22, salt.Length);
        Assert.Matches("^[A-Za-z0-9_-]{22}$", salt);
        Assert.NotEqual(salt, RecoveryCodes.NewSalt());
    }

    [Fact]
    public void The_hash_depends_on_the_salt()
    {
        Assert.NotEqual(RecoveryCodes.Hash("7KQ2-M9XD-4HTP", "salt-a"), RecoveryCodes.Hash("7KQ2-M9XD-4HTP", "salt-b"));
    }

    [Fact]
    public void The_hash_is_of_the_normalised_code()
    {
        var salt = RecoveryCodes.NewSalt();

        Assert.Equal(RecoveryCodes.Hash("7KQ2-M9XD-4HTP", salt), RecoveryCodes.Hash("7KQ2M9XD4HTP", salt));
        Assert.Equal(43, RecoveryCodes.Hash("7KQ2-M9XD-4HTP", salt).Length);
    }

    [Theory]
    [InlineData("7KQ2-M9XD-4HTP")]
    [InlineData("7kq2m9xd4htp")]
    [InlineData("7kq2 m9xd 4htp")]
    public void A_code_as_typed_matches_the_stored_hash(string entered)
    {
        var salt = RecoveryCodes.NewSalt();
        var stored = RecoveryCodes.Hash("7KQ2-M9XD-4HTP", salt);

        Assert.True(RecoveryCodes.Matches(entered, salt, stored));
    }

    [Fact]
    public void Look_alike_letters_match_the_digits_they_stand_for()
    {
        var salt = RecoveryCodes.NewSalt();
        var stored = RecoveryCodes.Hash("1001-0111-ABCD", salt);

        Assert.True(RecoveryCodes.Matches("IOOL-o1i1-abcd", salt, stored));
    }

    [Fact]
    public void Every_generated_code_matches_its_own_hash_only()
    {
        var salt = RecoveryCodes.NewSalt();
        var codes = RecoveryCodes.Generate();
        var hashes = codes.Select(code => RecoveryCodes.Hash(code, salt)).ToList();

        for (var i = 0; i < codes.Count; i++)
        {
            for (var j = 0; j < hashes.Count; j++)
            {
                Assert.Equal(i == j, RecoveryCodes.Matches(codes[i], salt, hashes[j]));
            }
        }
    }

    [Theory]
    [InlineData("7KQ2-M9XD-4HTQ")]
    [InlineData("7KQ2-M9XD")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("- -")]
    public void Another_or_empty_code_does_not_match(string entered)
    {
        var salt = RecoveryCodes.NewSalt();
        var stored = RecoveryCodes.Hash("7KQ2-M9XD-4HTP", salt);

        Assert.False(RecoveryCodes.Matches(entered, salt, stored));
    }

    [Fact]
    public void A_code_does_not_match_under_another_salt()
    {
        var stored = RecoveryCodes.Hash("7KQ2-M9XD-4HTP", "salt-a");

        Assert.False(RecoveryCodes.Matches("7KQ2-M9XD-4HTP", "salt-b", stored));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64url!")]
    [InlineData("AAAA")]
    public void A_stored_hash_that_is_not_a_hash_matches_nothing(string stored)
    {
        Assert.False(RecoveryCodes.Matches("7KQ2-M9XD-4HTP", "salt", stored));
    }

    [Fact]
    public void An_empty_salt_is_a_bug()
    {
        Assert.Throws<ArgumentException>(() => RecoveryCodes.Hash("7KQ2-M9XD-4HTP", ""));
    }
}
