using IdentityHub.Core.Accounts;

namespace IdentityHub.Core.Tests.Accounts;

public sealed class PasswordPolicySettingsTests
{
    private const string Prefix = "IdentityHub:Passwords";

    [Fact]
    public void Nist_is_the_default_preset_with_8_characters_because_mfa_is_mandatory()
    {
        var settings = new PasswordPolicySettings();

        var policy = settings.Resolve();

        Assert.Equal(PasswordPreset.Nist, settings.Preset);
        Assert.Equal(new PasswordPolicy(8, 128, false, false, null, 5, true), policy);
        Assert.Equal(8, PasswordPolicySettings.MinimumLengthWithMfa);
        Assert.Equal(15, PasswordPolicySettings.MinimumLengthPasswordOnly);
        Assert.Empty(settings.Validate(Prefix));
    }

    [Fact]
    public void Legacy_preset_asks_for_composition_and_expires_after_365_days()
    {
        var policy = new PasswordPolicySettings { Preset = PasswordPreset.Legacy }.Resolve();

        Assert.Equal(new PasswordPolicy(8, 128, true, true, TimeSpan.FromDays(365), 5, true), policy);
    }

    [Fact]
    public void Explicit_values_override_the_preset()
    {
        var nist = new PasswordPolicySettings
        {
            MinimumLength = 15,
            MaximumLength = 64,
            RequireMixedCase = true,
            RequireSpecialCharacter = true,
            Expiry = TimeSpan.FromDays(90),
            HistoryCount = 10,
            UseBlocklist = false,
        }.Resolve();
        var legacy = new PasswordPolicySettings
        {
            Preset = PasswordPreset.Legacy,
            MinimumLength = 12,
            RequireMixedCase = false,
            RequireSpecialCharacter = false,
            HistoryCount = 0,
        }.Resolve();

        Assert.Equal(new PasswordPolicy(15, 64, true, true, TimeSpan.FromDays(90), 10, false), nist);
        Assert.Equal(new PasswordPolicy(12, 128, false, false, TimeSpan.FromDays(365), 0, true), legacy);
    }

    [Fact]
    public void A_zero_expiry_turns_the_legacy_expiry_off()
    {
        var policy = new PasswordPolicySettings { Preset = PasswordPreset.Legacy, Expiry = TimeSpan.Zero }.Resolve();

        Assert.Null(policy.Expiry);
    }

    [Fact]
    public void A_maximum_below_64_is_named_with_its_key()
    {
        var problem = Assert.Single(new PasswordPolicySettings { MaximumLength = 63 }.Validate(Prefix));

        Assert.Equal("IdentityHub:Passwords:MaximumLength must be at least 64.", problem);
    }

    [Fact]
    public void Each_bad_value_is_named_with_its_key()
    {
        var settings = new PasswordPolicySettings
        {
            Preset = (PasswordPreset)7,
            MinimumLength = 6,
            MaximumLength = 5000,
            Expiry = TimeSpan.FromDays(-1),
            HistoryCount = -1,
        };

        var problems = settings.Validate(Prefix + ":").ToList();

        Assert.Equal(
            [
                "IdentityHub:Passwords:Preset must be Nist or Legacy.",
                "IdentityHub:Passwords:MinimumLength must be at least 8.",
                "IdentityHub:Passwords:MaximumLength must be at most 1024.",
                "IdentityHub:Passwords:Expiry must be 00:00:00 (no expiry) or greater.",
                "IdentityHub:Passwords:HistoryCount must be between 0 and 100.",
            ],
            problems);
    }

    [Fact]
    public void A_minimum_above_the_maximum_is_refused()
    {
        var problem = Assert.Single(new PasswordPolicySettings { MinimumLength = 200 }.Validate(Prefix));

        Assert.Equal("IdentityHub:Passwords:MinimumLength must not be greater than MaximumLength (128).", problem);
    }

    [Fact]
    public void Nist_describes_length_blocklist_personal_words_and_history()
    {
        var rules = new PasswordPolicySettings().Resolve().Describe();

        Assert.Equal(
            [
                new RuleMessage("PasswordRequirement.MinimumLength", 8),
                new RuleMessage("PasswordRequirement.MaximumLength", 128),
                new RuleMessage("PasswordRequirement.NotCommon"),
                new RuleMessage("PasswordRequirement.NotPersonal"),
                new RuleMessage("PasswordRequirement.NotRecent", 5),
            ],
            rules);
    }

    [Fact]
    public void Legacy_describes_composition_and_expiry_too()
    {
        var rules = new PasswordPolicySettings { Preset = PasswordPreset.Legacy }.Resolve().Describe();

        Assert.Equal(
            [
                new RuleMessage("PasswordRequirement.MinimumLength", 8),
                new RuleMessage("PasswordRequirement.MaximumLength", 128),
                new RuleMessage("PasswordRequirement.MixedCase"),
                new RuleMessage("PasswordRequirement.SpecialCharacter"),
                new RuleMessage("PasswordRequirement.NotCommon"),
                new RuleMessage("PasswordRequirement.NotPersonal"),
                new RuleMessage("PasswordRequirement.NotRecent", 5),
                new RuleMessage("PasswordRequirement.ChangedEveryDays", 365),
            ],
            rules);
    }

    [Fact]
    public void Describe_leaves_out_rules_that_are_off()
    {
        var rules = new PasswordPolicy(10, 64, false, false, TimeSpan.FromDays(1), 1, false).Describe();

        Assert.Equal(
            [
                new RuleMessage("PasswordRequirement.MinimumLength", 10),
                new RuleMessage("PasswordRequirement.MaximumLength", 64),
                new RuleMessage("PasswordRequirement.NotPersonal"),
                new RuleMessage("PasswordRequirement.NotPrevious"),
                new RuleMessage("PasswordRequirement.ChangedDaily"),
            ],
            rules);
    }
}
