using IdentityHub.Core.Mfa;

namespace IdentityHub.Core.Tests.Mfa;

public sealed class CodeSettingsTests
{
    private const string Prefix = "IdentityHub:Mfa:Codes";

    [Fact]
    public void The_defaults_are_six_digits_for_five_minutes()
    {
        var settings = new CodeSettings();

        Assert.Equal(6, settings.Length);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.Lifetime);
        Assert.Empty(settings.Validate(Prefix));
    }

    [Fact]
    public void Each_bad_value_is_named_with_its_key()
    {
        var settings = new CodeSettings
        {
            Length = 4,
            Lifetime = TimeSpan.Zero,
            MaxAttemptsPerCode = 0,
            MaxFailuresPerAccount = 0,
            AccountLockout = TimeSpan.Zero,
            ResendCooldown = TimeSpan.FromSeconds(-1),
            MaxCodesPerHour = 0,
        };

        var problems = settings.Validate(Prefix).ToList();

        Assert.Contains("IdentityHub:Mfa:Codes:Length must be between 6 and 10.", problems);
        Assert.Equal(7, problems.Count);
        Assert.All(problems, problem => Assert.StartsWith(Prefix + ":", problem, StringComparison.Ordinal));
        foreach (var key in new[] { "Lifetime", "MaxAttemptsPerCode", "MaxFailuresPerAccount", "AccountLockout", "ResendCooldown", "MaxCodesPerHour" })
        {
            Assert.Contains(problems, problem => problem.StartsWith($"{Prefix}:{key} ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_trailing_colon_on_the_prefix_is_not_doubled()
    {
        var problem = Assert.Single(new CodeSettings { Length = 11 }.Validate(Prefix + ":"));

        Assert.Equal("IdentityHub:Mfa:Codes:Length must be between 6 and 10.", problem);
    }
}
