using IdentityHub.Core.Accounts;

namespace IdentityHub.Core.Tests.Accounts;

public sealed class UsernameRulesTests
{
    public static TheoryData<char> Refused() => [.. UsernameRules.RefusedCharacters];

    [Theory]
    [MemberData(nameof(Refused))]
    public void Each_refused_character_is_named(char refused)
    {
        Assert.Equal($"A username cannot contain these characters: {refused}", UsernameRules.Problem($"jane{refused}doe"));
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
        Assert.Equal("A username cannot contain these characters: ; :", UsernameRules.Problem("a;b:c;d"));
    }

    [Fact]
    public void A_full_width_lookalike_counts_as_the_refused_character()
    {
        Assert.Equal("A username cannot contain these characters: ;", UsernameRules.Problem("jane\uFF1Bdoe"));
    }

    [Fact]
    public void Sixty_four_characters_are_allowed_and_sixty_five_are_not()
    {
        Assert.Null(UsernameRules.Problem(new string('a', 64)));
        Assert.Equal("A username can have at most 64 characters.", UsernameRules.Problem(new string('a', 65)));
    }

    [Fact]
    public void One_character_is_enough()
    {
        Assert.Null(UsernameRules.Problem("j"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_username_is_refused(string? userName)
    {
        Assert.Equal("Enter a username.", UsernameRules.Problem(userName));
    }

    [Theory]
    [InlineData(" jane")]
    [InlineData("jane ")]
    [InlineData("jane\t")]
    public void Leading_or_trailing_spaces_are_refused(string userName)
    {
        Assert.Equal("A username cannot start or end with a space.", UsernameRules.Problem(userName));
    }

    [Fact]
    public void A_space_inside_is_allowed()
    {
        Assert.Null(UsernameRules.Problem("Jane Doe"));
    }

    [Theory]
    [InlineData("jane\u0000doe")]
    [InlineData("jane\ndoe")]
    [InlineData("jane\u200Bdoe")]
    [InlineData("jane\uD800doe")]
    public void Control_and_invisible_characters_are_refused(string userName)
    {
        Assert.Equal("A username cannot contain control or invisible characters.", UsernameRules.Problem(userName));
    }

    [Theory]
    [InlineData("rosa.ramirez@hpsm.org")]
    [InlineData("first_last-2@clinic.example.com")]
    [InlineData("Zoë")]
    [InlineData("agent.007")]
    public void Email_addresses_and_ordinary_names_are_valid(string userName)
    {
        Assert.Null(UsernameRules.Problem(userName));
    }

    [Fact]
    public void Every_problem_is_reported_together()
    {
        Assert.Equal(
            "A username cannot start or end with a space. A username can have at most 64 characters. A username cannot contain these characters: ?",
            UsernameRules.Problem(" " + new string('a', 64) + "?"));
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
        Assert.Equal("That username is taken.", UsernameRules.TakenMessage);
    }
}
