using IdentityHub.Core.Accounts;

namespace IdentityHub.Core.Tests.Accounts;

public sealed class PasswordRulesTests
{
    private static readonly PasswordPolicy Nist = new PasswordPolicySettings().Resolve();
    private static readonly PasswordPolicy Legacy = new PasswordPolicySettings { Preset = PasswordPreset.Legacy }.Resolve();
    private static readonly PasswordContext Jane = new("rqvalera", "jane.doe@example.org", ["IdentityHub", "health plan"]);
    private static readonly PasswordContext Nobody = new(null, null, []);

    private static List<PasswordProblem> Problems(string password, PasswordPolicy policy, PasswordContext? context = null) =>
        PasswordRules.Check(password, policy, context ?? Jane).Select(failure => failure.Problem).ToList();

    [Fact]
    public void A_long_random_passphrase_passes_both_presets_composition_aside()
    {
        Assert.Empty(PasswordRules.Check("violet tugboat quietly juggles 47 marmalade", Nist, Jane));
        Assert.Empty(PasswordRules.Check("Violet tugboat quietly juggles 47 marmalade!", Legacy, Jane));
    }

    [Fact]
    public void Too_short_says_the_minimum()
    {
        var failure = Assert.Single(PasswordRules.Check("xq7#vb", Nist, Jane));

        Assert.Equal(new PasswordFailure(PasswordProblem.TooShort, new RuleMessage("PasswordRule.TooShort", 8)), failure);
    }

    [Fact]
    public void Too_long_says_the_maximum()
    {
        var failure = Assert.Single(PasswordRules.Check(new string('x', 100) + "qv" + new string('z', 27), Nist, Jane));

        Assert.Equal(new PasswordFailure(PasswordProblem.TooLong, new RuleMessage("PasswordRule.TooLong", 128)), failure);
    }

    [Fact]
    public void Exactly_the_minimum_and_the_maximum_pass()
    {
        Assert.Empty(Problems("xq7#vbtw", Nist));
        Assert.Empty(Problems(string.Concat(Enumerable.Repeat("qv7x", 32)), Nist));
    }

    [Fact]
    public void A_huge_input_is_too_long_without_further_work()
    {
        var failure = Assert.Single(PasswordRules.Check(new string('a', 1_000_000), Nist, Jane));

        Assert.Equal(PasswordProblem.TooLong, failure.Problem);
    }

    [Fact]
    public void An_emoji_counts_as_one_character()
    {
        // Seven letters and one emoji (two UTF-16 units): eight code points.
        Assert.Empty(Problems("qvtxwzb\U0001F600", Nist));
        // Six letters and one emoji: seven.
        Assert.Equal([PasswordProblem.TooShort], Problems("qvtxwz\U0001F600", Nist));
    }

    [Fact]
    public void Length_is_counted_after_nfkc_normalisation()
    {
        // Six letters, "e" and a combining acute: eight code points as typed, seven once "é" is composed.
        Assert.Equal([PasswordProblem.TooShort], Problems("qvtxwze\u0301", Nist));
        Assert.Empty(Problems("qvtxwzbe\u0301", Nist));
        // The ligature "ﬃ" (one code point) becomes "ffi" (three) under NFKC.
        Assert.Empty(Problems("qvtxw\uFB03", Nist));
    }

    [Fact]
    public void Legacy_needs_mixed_case()
    {
        var failure = Assert.Single(PasswordRules.Check("violet tugboat 47!", Legacy, Jane));

        Assert.Equal(new PasswordFailure(PasswordProblem.NeedsMixedCase, new RuleMessage("PasswordRule.NeedsMixedCase")), failure);
    }

    [Fact]
    public void Legacy_needs_a_special_character()
    {
        var failure = Assert.Single(PasswordRules.Check("VioletTugboat47", Legacy, Jane));

        Assert.Equal(PasswordProblem.NeedsSpecialCharacter, failure.Problem);
        Assert.Equal(new RuleMessage("PasswordRule.NeedsSpecialCharacter"), failure.Message);
    }

    [Fact]
    public void Nist_has_no_composition_rules()
    {
        Assert.Empty(Problems("violettugboatjuggles", Nist));
    }

    [Theory]
    [InlineData("dragon")]
    [InlineData("DRAGON")]
    [InlineData("DrAgOn")]
    public void The_blocklist_ignores_case(string password)
    {
        Assert.True(PasswordBlocklist.Contains(password));
    }

    [Fact]
    public void The_blocklist_holds_tens_of_thousands_of_entries()
    {
        Assert.True(PasswordBlocklist.Count >= 10_000, $"only {PasswordBlocklist.Count} entries");
        Assert.False(PasswordBlocklist.Contains("violet tugboat quietly juggles 47 marmalade"));
    }

    [Fact]
    public void A_common_password_says_so()
    {
        var failure = Assert.Single(PasswordRules.Check("sunshine", Nist, Jane));

        Assert.Equal(new PasswordFailure(PasswordProblem.Common, new RuleMessage("PasswordRule.Common")), failure);
    }

    [Theory]
    [InlineData("Password123!")]
    [InlineData("password!")]
    [InlineData("Dragon2024")]
    [InlineData("Baseball 99 !!")]
    [InlineData("12345678!")]
    public void Digits_and_punctuation_added_at_the_end_do_not_hide_a_common_password(string password)
    {
        Assert.Contains(PasswordProblem.Common, Problems(password, Nist));
    }

    [Fact]
    public void The_blocklist_can_be_turned_off()
    {
        var policy = Nist with { UseBlocklist = false };

        Assert.Empty(Problems("Password123!", policy));
    }

    [Fact]
    public void The_username_is_refused_alone_and_inside()
    {
        var failure = Assert.Single(PasswordRules.Check("RQValera", Nist with { MinimumLength = 6 }, Jane));
        Assert.Equal(new PasswordFailure(PasswordProblem.ContainsPersonalInfo, new RuleMessage("PasswordRule.ContainsUsername")), failure);

        Assert.Equal([PasswordProblem.ContainsPersonalInfo], Problems("my name is rqvalera ok", Nist));
    }

    [Fact]
    public void The_email_and_its_local_part_are_refused()
    {
        var failure = Assert.Single(PasswordRules.Check("Jane.Doe is great", Nist, Jane));
        Assert.Equal(new RuleMessage("PasswordRule.ContainsEmail"), failure.Message);

        // Without its dot the local part is still found.
        Assert.Equal([PasswordProblem.ContainsPersonalInfo], Problems("janedoe-winter-walks", Nist));
        Assert.Equal([PasswordProblem.ContainsPersonalInfo], Problems("JANE.DOE@EXAMPLE.ORG", Nist));
    }

    [Fact]
    public void The_service_name_is_refused()
    {
        Assert.Equal([PasswordProblem.ContainsPersonalInfo], Problems("I love IdentityHub", Nist));
        Assert.Equal([PasswordProblem.ContainsPersonalInfo], Problems("my-health-plan-rocks", Nist));

        var failure = Assert.Single(PasswordRules.Check("myhealthplan", Nist, Jane));
        Assert.Equal(new RuleMessage("PasswordRule.ContainsService"), failure.Message);
    }

    [Fact]
    public void A_short_personal_word_is_refused_only_as_the_whole_password()
    {
        var context = new PasswordContext("bob", null, []);
        var policy = Nist with { MinimumLength = 3, UseBlocklist = false };

        Assert.Equal([PasswordProblem.ContainsPersonalInfo], Problems("BOB", policy, context));
        Assert.Empty(Problems("bobcat tugboat", policy, context));
    }

    [Fact]
    public void Several_personal_words_are_named_in_one_sentence()
    {
        var failure = Assert.Single(PasswordRules.Check("rqvalera jane.doe identityhub", Nist, Jane));

        Assert.Equal(new RuleMessage("PasswordRule.ContainsUsernameEmailService"), failure.Message);
    }

    [Fact]
    public void Two_personal_words_are_named_in_one_sentence()
    {
        Assert.Equal(new RuleMessage("PasswordRule.ContainsUsernameService"), Assert.Single(PasswordRules.Check("rqvalera identityhub", Nist, Jane)).Message);
        Assert.Equal(new RuleMessage("PasswordRule.ContainsEmailService"), Assert.Single(PasswordRules.Check("jane.doe identityhub", Nist, Jane)).Message);
    }

    [Fact]
    public void Without_context_only_the_other_rules_apply()
    {
        Assert.Empty(Problems("rqvalera-identityhub", Nist, Nobody));
    }

    [Fact]
    public void Every_failed_rule_is_reported_at_once()
    {
        var problems = Problems("rqvalera1", Legacy with { MinimumLength = 12 });

        Assert.Equal(
            [PasswordProblem.TooShort, PasswordProblem.NeedsMixedCase, PasswordProblem.NeedsSpecialCharacter, PasswordProblem.ContainsPersonalInfo],
            problems);
        Assert.Equal(
            [PasswordProblem.TooShort, PasswordProblem.NeedsMixedCase, PasswordProblem.NeedsSpecialCharacter, PasswordProblem.Common],
            Problems("dragon", Legacy));
    }

    [Fact]
    public void Reuse_has_its_own_wording_for_the_server()
    {
        Assert.Equal(
            new PasswordFailure(PasswordProblem.Reused, new RuleMessage("PasswordRule.ReusedRecent", 5)),
            PasswordRules.Reused(Nist));
        Assert.Equal(
            new RuleMessage("PasswordRule.ReusedPrevious"),
            PasswordRules.Reused(Nist with { HistoryCount = 1 }).Message);
    }

    [Fact]
    public void Every_message_is_a_key_of_the_rules_texts()
    {
        var failures = PasswordRules.Check("rqvalera", Legacy with { MinimumLength = 12 }, Jane)
            .Concat(PasswordRules.Check("dragon", Legacy, Jane))
            .Concat(PasswordRules.Check(new string('Q', 200), Legacy, Jane))
            .Append(PasswordRules.Reused(Legacy))
            .Append(PasswordRules.Breached())
            .Append(PasswordRules.BreachCheckUnavailable())
            .ToList();

        Assert.Equal(Enum.GetValues<PasswordProblem>().Order(), failures.Select(failure => failure.Problem).Distinct().Order());
        Assert.All(failures, failure => Assert.StartsWith("PasswordRule.", failure.Message.Key, StringComparison.Ordinal));
    }
}
