using IdentityHub.Core.Accounts;

namespace IdentityHub.Core.Tests.Accounts;

public sealed class BreachCheckSettingsTests
{
    private const string Prefix = "IdentityHub:Passwords";

    [Fact]
    public void The_check_is_off_by_default_with_no_service_and_passes_validation()
    {
        var settings = new PasswordPolicySettings();

        Assert.False(settings.BreachCheck.Enabled);
        Assert.Null(settings.BreachCheck.BaseUrl);
        Assert.Equal(1, settings.BreachCheck.MinimumCount);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.BreachCheck.Timeout);
        Assert.True(settings.BreachCheck.FailOpen);
        Assert.Empty(settings.Validate(Prefix));
        Assert.False(settings.Resolve().CheckBreaches);
    }

    [Fact]
    public void Enabled_without_a_base_url_names_both_keys()
    {
        var settings = new PasswordPolicySettings { BreachCheck = { Enabled = true } };

        var problem = Assert.Single(settings.Validate(Prefix));

        Assert.StartsWith("IdentityHub:Passwords:BreachCheck:BaseUrl is required when IdentityHub:Passwords:BreachCheck:Enabled is true", problem);
    }

    [Theory]
    [InlineData("ftp://passwords.example/")]
    [InlineData("https://passwords.example/?key=1")]
    [InlineData("passwords.example")]
    public void A_base_url_must_be_absolute_http_without_a_query(string url)
    {
        var settings = new PasswordPolicySettings { BreachCheck = { Enabled = true, BaseUrl = new Uri(url, UriKind.RelativeOrAbsolute) } };

        Assert.Equal(
            "IdentityHub:Passwords:BreachCheck:BaseUrl must be an absolute http(s) URL without a query string.",
            Assert.Single(settings.Validate(Prefix)));
    }

    [Fact]
    public void Minimum_count_and_timeout_are_checked_and_named()
    {
        var settings = new PasswordPolicySettings { BreachCheck = { MinimumCount = 0, Timeout = TimeSpan.Zero } };

        Assert.Equal(
            [
                "IdentityHub:Passwords:BreachCheck:MinimumCount must be at least 1.",
                "IdentityHub:Passwords:BreachCheck:Timeout must be a positive duration of at most 00:00:30 (for example 00:00:03).",
            ],
            settings.Validate(Prefix));
    }

    [Fact]
    public void When_enabled_the_rules_shown_before_typing_include_breaches()
    {
        var settings = new PasswordPolicySettings { BreachCheck = { Enabled = true, BaseUrl = new Uri("https://passwords.example/") } };

        var policy = settings.Resolve();

        Assert.Empty(settings.Validate(Prefix));
        Assert.True(policy.CheckBreaches);
        Assert.Contains(new RuleMessage("PasswordRequirement.NotBreached"), policy.Describe());
        Assert.DoesNotContain(new RuleMessage("PasswordRequirement.NotBreached"), new PasswordPolicySettings().Resolve().Describe());
    }

    [Fact]
    public void Breach_failures_have_their_own_codes_and_texts()
    {
        Assert.Equal(new PasswordFailure(PasswordProblem.Breached, new RuleMessage("PasswordRule.Breached")), PasswordRules.Breached());
        Assert.Equal(
            new PasswordFailure(PasswordProblem.BreachCheckUnavailable, new RuleMessage("PasswordRule.BreachCheckUnavailable")),
            PasswordRules.BreachCheckUnavailable());
    }
}
