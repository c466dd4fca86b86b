using IdentityHub.Core.Accounts;

namespace IdentityHub.Core.Tests.Accounts;

public sealed class SecurityAnswersTests
{
    [Theory]
    [InlineData("  New   York. ", "new york")]
    [InlineData("NEW-YORK", "new york")]
    [InlineData("Ｓｍｉｔｈ", "smith")]
    [InlineData("O'Brien", "o brien")]
    [InlineData("Zoë", "zoë")]
    [InlineData("...", "")]
    public void Answers_are_compared_without_case_spaces_or_punctuation(string typed, string normalized) =>
        Assert.Equal(normalized, SecurityAnswers.Normalize(typed));

    [Fact]
    public void A_normalised_equal_answer_matches_and_another_does_not()
    {
        var salt = SecurityAnswers.NewSalt();
        var hash = SecurityAnswers.Hash("Springfield Elementary", salt);

        Assert.True(SecurityAnswers.Matches("  springfield   ELEMENTARY", salt, hash));
        Assert.False(SecurityAnswers.Matches("Springfield Middle", salt, hash));
        Assert.DoesNotContain("springfield", hash, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_same_answer_hashes_differently_under_another_salt()
    {
        var first = SecurityAnswers.Hash("Rex", SecurityAnswers.NewSalt());
        var second = SecurityAnswers.Hash("Rex", SecurityAnswers.NewSalt());

        Assert.NotEqual(first, second);
        Assert.Equal(44, first.Length);
    }
}
