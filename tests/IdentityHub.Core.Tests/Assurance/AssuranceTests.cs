using IdentityHub.Core.Assurance;
using IdentityHub.Core.Mfa;

namespace IdentityHub.Core.Tests.Assurance;

public sealed class AssuranceTests
{
    private const string Aal1 = AssuranceLevels.SingleFactor;
    private const string Aal2 = AssuranceLevels.MultiFactor;
    private const string Aal3 = AssuranceLevels.PhishingResistant;

    [Theory]
    [InlineData(MfaMethodKind.Email, "mail")]
    [InlineData(MfaMethodKind.Sms, "sms")]
    [InlineData(MfaMethodKind.Voice, "tel")]
    [InlineData(MfaMethodKind.Totp, "otp")]
    [InlineData(MfaMethodKind.RecoveryCode, "otp")]
    public void Each_code_method_has_its_amr_value(MfaMethodKind kind, string amr)
    {
        Assert.Equal([amr], MfaMethods.Of(kind).Amr);
    }

    [Fact]
    public void A_passkey_proves_a_hardware_or_a_software_key_depending_on_the_credential()
    {
        Assert.Equal(["hwk", "swk"], MfaMethods.Passkey.Amr);
    }

    [Theory]
    [InlineData(false, "hwk")]
    [InlineData(true, "swk")]
    public void A_device_bound_passkey_is_a_hardware_key_and_a_synced_one_a_software_key(bool backedUp, string amr)
    {
        Assert.Equal(amr, AuthenticationMethods.ForPasskey(backedUp));
    }

    [Theory]
    [InlineData(AssurancePreset.Legacy, MfaMethodKind.Totp)]
    [InlineData(AssurancePreset.Legacy, MfaMethodKind.Passkey)]
    [InlineData(AssurancePreset.Legacy, MfaMethodKind.RecoveryCode)]
    [InlineData(AssurancePreset.Nist, MfaMethodKind.Totp)]
    [InlineData(AssurancePreset.Nist, MfaMethodKind.Passkey)]
    [InlineData(AssurancePreset.Nist, MfaMethodKind.RecoveryCode)]
    public void Apps_passkeys_and_recovery_codes_count_and_are_not_restricted_under_both_presets(AssurancePreset preset, MfaMethodKind kind)
    {
        Assert.Equal(new MethodAssurance(true, false, null), MfaMethods.Of(kind).AssuranceUnder(preset));
    }

    [Theory]
    [InlineData(MfaMethodKind.Email)]
    [InlineData(MfaMethodKind.Sms)]
    [InlineData(MfaMethodKind.Voice)]
    public void Under_legacy_every_code_method_counts_and_none_is_restricted(MfaMethodKind kind)
    {
        Assert.Equal(new MethodAssurance(true, false, null), MfaMethods.Of(kind).AssuranceUnder(AssurancePreset.Legacy));
    }

    [Fact]
    public void Under_nist_email_does_not_count_and_the_user_is_told_why()
    {
        var email = MfaMethods.Email.AssuranceUnder(AssurancePreset.Nist);

        Assert.False(email.CountsAsSecondFactor);
        Assert.Equal(MfaMethods.EmailNotAllowedReason, email.Reason);
    }

    [Theory]
    [InlineData(MfaMethodKind.Sms)]
    [InlineData(MfaMethodKind.Voice)]
    public void Under_nist_text_and_call_count_but_are_restricted(MfaMethodKind kind)
    {
        var assurance = MfaMethods.Of(kind).AssuranceUnder(AssurancePreset.Nist);

        Assert.True(assurance.CountsAsSecondFactor);
        Assert.True(assurance.Restricted);
        Assert.Equal(MfaMethods.PhoneRestrictedReason, assurance.Reason);
    }

    [Theory]
    [InlineData(Aal1, 1)]
    [InlineData(Aal2, 2)]
    [InlineData(Aal3, 3)]
    [InlineData("urn:other:acr", 0)]
    [InlineData("", 0)]
    [InlineData(null, 0)]
    public void Levels_have_ranks(string? acr, int rank)
    {
        Assert.Equal(rank, AssuranceLevels.Rank(acr));
    }

    [Theory]
    [InlineData(Aal2, Aal1, true)]
    [InlineData(Aal2, Aal2, true)]
    [InlineData(Aal1, Aal2, false)]
    [InlineData(Aal2, Aal3, false)]
    [InlineData(null, Aal1, false)]
    [InlineData(Aal1, null, true)]
    [InlineData(null, null, true)]
    [InlineData(Aal1, "urn:other:acr", true)]
    public void A_level_satisfies_itself_and_lower_ones(string? reached, string? required, bool satisfied)
    {
        Assert.Equal(satisfied, AssuranceLevels.Satisfies(reached, required));
    }

    [Theory]
    [InlineData(Aal2, Aal2)]
    [InlineData(Aal3, Aal3)]
    [InlineData(Aal1 + " " + Aal2 + " " + Aal3, Aal1)]
    [InlineData(Aal3 + "  " + Aal2, Aal2)]
    [InlineData("urn:other:acr " + Aal3, Aal3)]
    [InlineData("urn:other:acr", null)]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void Acr_values_list_what_the_portal_accepts_so_the_least_known_level_listed_is_required(string? acrValues, string? expected)
    {
        Assert.Equal(expected, AssuranceLevels.Accepted(acrValues));
    }

    [Theory]
    [InlineData(AssurancePreset.Legacy, Aal1, "pwd")]
    [InlineData(AssurancePreset.Legacy, Aal2, "pwd", "sms")]
    [InlineData(AssurancePreset.Legacy, Aal2, "pwd", "tel")]
    [InlineData(AssurancePreset.Legacy, Aal2, "pwd", "mail")]
    [InlineData(AssurancePreset.Legacy, Aal2, "pwd", "otp")]
    [InlineData(AssurancePreset.Legacy, Aal1, "sms")]
    [InlineData(AssurancePreset.Legacy, Aal1, "pwd", "mfa")]
    [InlineData(AssurancePreset.Nist, Aal1, "pwd", "mail")]
    [InlineData(AssurancePreset.Nist, Aal2, "pwd", "sms")]
    [InlineData(AssurancePreset.Nist, Aal2, "pwd", "tel")]
    [InlineData(AssurancePreset.Nist, Aal2, "pwd", "mail", "sms")]
    [InlineData(AssurancePreset.Nist, Aal2, "pwd", "otp")]
    [InlineData(AssurancePreset.Legacy, Aal1, "otp")]
    [InlineData(AssurancePreset.Nist, Aal1, "otp")]
    [InlineData(AssurancePreset.Nist, Aal1, "mail", "sms")]
    public void A_password_and_a_counting_second_factor_reach_multi_factor(AssurancePreset preset, string expected, params string[] methods)
    {
        Assert.Equal(expected, AssuranceLevels.For(methods, preset));
    }

    [Theory]
    [InlineData(AssurancePreset.Legacy, "hwk")]
    [InlineData(AssurancePreset.Legacy, "swk")]
    [InlineData(AssurancePreset.Nist, "hwk")]
    [InlineData(AssurancePreset.Nist, "swk")]
    [InlineData(AssurancePreset.Nist, "pwd", "hwk")]
    [InlineData(AssurancePreset.Nist, "pwd", "swk")]
    [InlineData(AssurancePreset.Nist, "swk", "mail")]
    public void A_passkey_reaches_phishing_resistant_by_itself(AssurancePreset preset, params string[] methods)
    {
        Assert.Equal(Aal3, AssuranceLevels.For(methods, preset));
    }

    [Fact]
    public void A_passkey_without_a_preset_is_phishing_resistant()
    {
        Assert.Equal(Aal3, AssuranceLevels.For(["swk"], AssurancePreset.Legacy));
    }

    [Fact]
    public void The_overload_without_a_preset_is_legacy()
    {
        Assert.Equal(Aal1, AssuranceLevels.For(["pwd"], AssurancePreset.Legacy));
        Assert.Equal(Aal2, AssuranceLevels.For(["pwd", "mail"], AssurancePreset.Legacy));
    }

    [Fact]
    public void Amr_lists_the_methods_used_and_mfa_for_two_factors()
    {
        Assert.Equal(["pwd", "sms", "mfa"], AssuranceLevels.AmrFor(["pwd", "sms"], AssurancePreset.Legacy));
        Assert.Equal(["pwd", "tel", "mfa"], AssuranceLevels.AmrFor(["pwd", "tel"], AssurancePreset.Legacy));
    }

    [Fact]
    public void Amr_without_a_second_factor_has_no_mfa()
    {
        Assert.Equal(["pwd"], AssuranceLevels.AmrFor(["pwd"], AssurancePreset.Legacy));
        Assert.Equal(["sms", "mail"], AssuranceLevels.AmrFor(["sms", "mail"], AssurancePreset.Legacy));
    }

    [Fact]
    public void Amr_is_distinct_in_first_use_order_with_mfa_once_at_the_end()
    {
        Assert.Equal(["pwd", "sms", "mail", "mfa"], AssuranceLevels.AmrFor(["pwd", "mfa", "sms", "pwd", "mail", "sms", "mfa"], AssurancePreset.Legacy));
    }

    [Theory]
    [InlineData(AssurancePreset.Legacy)]
    [InlineData(AssurancePreset.Nist)]
    public void Amr_claims_mfa_for_a_password_and_an_app_or_recovery_code(AssurancePreset preset)
    {
        Assert.Equal(["pwd", "otp", "mfa"], AssuranceLevels.AmrFor(["pwd", "otp"], preset));
    }

    [Theory]
    [InlineData(AssurancePreset.Legacy)]
    [InlineData(AssurancePreset.Nist)]
    public void Amr_for_a_passkey_alone_lists_only_the_passkey(AssurancePreset preset)
    {
        Assert.Equal(["swk"], AssuranceLevels.AmrFor(["swk"], preset));
        Assert.Equal(["hwk"], AssuranceLevels.AmrFor(["hwk"], preset));
    }

    [Fact]
    public void Amr_claims_mfa_for_a_password_and_a_passkey()
    {
        Assert.Equal(["pwd", "hwk", "mfa"], AssuranceLevels.AmrFor(["pwd", "hwk"], AssurancePreset.Nist));
    }

    [Fact]
    public void Amr_under_nist_does_not_claim_mfa_for_email()
    {
        Assert.Equal(["pwd", "mail"], AssuranceLevels.AmrFor(["pwd", "mail"], AssurancePreset.Nist));
        Assert.Equal(["pwd", "mail", "mfa"], AssuranceLevels.AmrFor(["pwd", "mail"], AssurancePreset.Legacy));
        Assert.Equal(["pwd", "sms", "mfa"], AssuranceLevels.AmrFor(["pwd", "sms"], AssurancePreset.Nist));
    }
}
