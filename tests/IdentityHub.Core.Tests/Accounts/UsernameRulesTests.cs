using IdentityHub.Core.Accounts;

namespace IdentityHub.Core.Tests.Accounts;

public sealed class UsernameRulesTests
{
    public static TheoryData<char> Refused() => [.. UsernameRules.RefusedCharacters];

    [Theory]
    [MemberData(nameof(Refused))]
    public void Each_refused_character_is_named(char refused)
    {
        Assert.Equal([new RuleMessage("UsernameRule.RefusedCharacters", refused.ToString())], UsernameRules.Problems($"jane{refused}doe"));
    }

    [Fact]
    public void The_refused_list_is_the_one_in_A1()
    {
        Assert.Equal(24, UsernameRules.RefusedCharacters.Length);
        Assert.Equal(";:<>,[]()\\\"'~`%^&+={}|?/", UsernameRules.RefusedCharacters);
    }

    [Fact]
    public void Several_refused_characters_are_named_once_each_in_order()
    {
        Assert.Equal([new RuleMessage("UsernameRule.RefusedCharacters", "; :")], UsernameRules.Problems("a;b:c;d"));
    }

    [Fact]
    public void A_full_width_lookalike_counts_as_the_refused_character()
    {
        Assert.Equal([new RuleMessage("UsernameRule.RefusedCharacters", ";")], UsernameRules.Problems("jane\uFF1Bdoe"));
    }

    [Fact]
    public void Sixty_four_characters_are_allowed_and_sixty_five_are_not()
    {
        Assert.Empty(UsernameRules.Problems(new string('a', 64)));
        Assert.Equal([new RuleMessage("UsernameRule.TooLong", 64)], UsernameRules.Problems(new string('a', 65)));
    }

    [Fact]
    public void One_character_is_enough()
    {
        Assert.Empty(UsernameRules.Problems("j"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_username_is_refused(string? userName)
    {
        Assert.Equal([new RuleMessage("UsernameRule.Required")], UsernameRules.Problems(userName));
    }

    [Theory]
    [InlineData(" jane")]
    [InlineData("jane ")]
    [InlineData("jane\t")]
    public void Leading_or_trailing_spaces_are_refused(string userName)
    {
        Assert.Equal([new RuleMessage("UsernameRule.EdgeSpace")], UsernameRules.Problems(userName));
    }

    [Fact]
    public void A_space_inside_is_allowed()
    {
        Assert.Empty(UsernameRules.Problems("Jane Doe"));
    }

    [Theory]
    [InlineData("jane\u0000doe")]
    [InlineData("jane\ndoe")]
    [InlineData("jane\u200Bdoe")]
    [InlineData("jane\uD800doe")]
    public void Control_and_invisible_characters_are_refused(string userName)
    {
        Assert.Equal([new RuleMessage("UsernameRule.Invisible")], UsernameRules.Problems(userName));
    }

    [Theory]
    [InlineData("rosa.ramirez@hpsm.org")]
    [InlineData("first_last-2@clinic.example.com")]
    [InlineData("Zoë")]
    [InlineData("agent.007")]
    public void Email_addresses_and_ordinary_names_are_valid(string userName)
    {
        Assert.Empty(UsernameRules.Problems(userName));
    }

    [Fact]
    public void Every_problem_is_reported_together()
    {
        Assert.Equal(
            [new RuleMessage("UsernameRule.EdgeSpace"), new RuleMessage("UsernameRule.TooLong", 64), new RuleMessage("UsernameRule.RefusedCharacters", "?")],
            UsernameRules.Problems(" " + new string('a', 64) + "?"));
    }

    [Fact]
    public void Normalize_trims_and_keeps_case()
    {
        Assert.Equal("Jane.Doe", UsernameRules.Normalize("  Jane.Doe \t"));
    }

    [Fact]
    public void Normalize_folds_compatibility_forms_so_lookalikes_are_one_name()
    {
        // Full-width letters become ASCII; the upper-invariant comparison then ignores case.
        var fullWidth = UsernameRules.Normalize("\uFF2A\uFF41\uFF4E\uFF45");

        Assert.Equal("Jane", fullWidth);
        Assert.Equal(UsernameRules.Normalize("JANE").ToUpperInvariant(), fullWidth.ToUpperInvariant());
    }

    [Fact]
    public void Taken_wording_comes_from_the_guide()
    {
        Assert.Equal(new RuleMessage("UsernameRule.Taken"), UsernameRules.Taken);
    }
}
