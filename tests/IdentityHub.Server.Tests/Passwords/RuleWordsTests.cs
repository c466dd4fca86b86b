using IdentityHub.Core.Accounts;
using IdentityHub.Server.Passwords;
using IdentityHub.Server.Texts;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Passwords;

/// <summary>Every message the account rules can give has words in English and Spanish (RuleText), and the commands read English.</summary>
public sealed class RuleWordsTests
{
    private static readonly PasswordContext Jane = new("rqvalera", "jane.doe@example.org", PolicyPasswordValidator.ServiceNames);

    [Fact]
    public void Every_rule_message_has_English_and_Spanish_words()
    {
        var strict = new PasswordPolicy(12, 64, true, true, TimeSpan.FromDays(90), 5, true, CheckBreaches: true);
        var messages = new List<RuleMessage>();
        foreach (var password in new[] { "rqvalera", "jane.doe", "identityhub", "rqvalera jane.doe", "rqvalera identityhub", "jane.doe identityhub", "rqvalera jane.doe identityhub", "dragon", new string('Q', 200) })
        {
            messages.AddRange(PasswordRules.Check(password, strict, Jane).Select(failure => failure.Message));
        }

        messages.AddRange([PasswordRules.Reused(strict).Message, PasswordRules.Reused(strict with { HistoryCount = 1 }).Message,
            PasswordRules.Breached().Message, PasswordRules.BreachCheckUnavailable().Message]);
        foreach (var policy in new[] { strict, strict with { HistoryCount = 1, Expiry = TimeSpan.FromDays(1) }, strict with { Expiry = TimeSpan.FromHours(1) }, strict with { Expiry = TimeSpan.FromHours(8) } })
        {
            messages.AddRange(policy.Describe());
        }

        messages.AddRange(UsernameRules.Problems(null));
        messages.AddRange(UsernameRules.Problems(" " + new string('a', 64) + "?\u200B"));
        messages.AddRange([UsernameRules.Taken, UsernameRules.Unusable]);

        Assert.Equal(36, messages.Select(message => message.Key).Distinct().Count());
        Assert.All(messages, message =>
        {
            Assert.NotEqual(Words.English<RuleText>(message.Key), Words.Spanish<RuleText>(message.Key));
            Assert.DoesNotContain("{" + message.Arguments.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}", Words.Spanish<RuleText>(message.Key), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void The_commands_read_the_English_words_with_every_refused_character_named()
    {
        Assert.Equal("A username cannot contain these characters: ; : ?", RuleWords.EnglishUsernameProblem("a;b:c?d"));
        Assert.Equal("A username cannot start or end with a space. A username can have at most 64 characters.", RuleWords.EnglishUsernameProblem(" " + new string('a', 65)));
        Assert.Null(RuleWords.EnglishUsernameProblem("jane.doe@example.org"));
        Assert.Equal("Your password must have at least 12 characters.", RuleWords.English(new RuleMessage("PasswordRule.TooShort", 12)));
    }
}
