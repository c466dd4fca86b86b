using IdentityHub.Core.Assurance;
using IdentityHub.Core.Mfa;

namespace IdentityHub.Core.Tests.Mfa;

public sealed class MfaMethodsTests
{
    [Fact]
    public void Every_kind_has_exactly_one_descriptor()
    {
        Assert.Equal(Enum.GetValues<MfaMethodKind>().Order(), MfaMethods.All.Select(method => method.Kind).Order());
    }

    [Fact]
    public void Sent_codes_follow_the_configured_length_and_an_app_always_has_six_digits()
    {
        var eight = new CodeSettings { Length = 8 };

        Assert.Equal(8, MfaMethods.Email.Digits(eight));
        Assert.Equal(8, MfaMethods.Voice.Digits(eight));
        Assert.Equal(6, MfaMethods.AuthenticatorApp.Digits(eight));
        Assert.Null(MfaMethods.RecoveryCode.Digits(eight));
    }

    [Fact]
    public void Only_email_text_and_call_send_codes_and_only_they_and_apps_are_enrolled_by_the_wizard()
    {
        Assert.Equal([MfaMethodKind.Email, MfaMethodKind.Sms, MfaMethodKind.Voice], MfaMethods.All.Where(method => method.SendsCode).Select(method => method.Kind));
        Assert.Equal([MfaMethodKind.Email, MfaMethodKind.Sms, MfaMethodKind.Voice, MfaMethodKind.Totp], MfaMethods.All.Where(method => method.Enrollable).Select(method => method.Kind));
    }

    [Fact]
    public void A_passkey_cannot_reset_a_password_every_other_method_can()
    {
        Assert.Equal([MfaMethodKind.Passkey], MfaMethods.All.Where(method => !method.CanResetPassword).Select(method => method.Kind));
    }

    [Theory]
    [InlineData("mail", AssurancePreset.Legacy, true)]
    [InlineData("mail", AssurancePreset.Nist, false)]
    [InlineData("sms", AssurancePreset.Nist, true)]
    [InlineData("otp", AssurancePreset.Nist, true)]
    [InlineData("swk", AssurancePreset.Nist, true)]
    [InlineData("pwd", AssurancePreset.Legacy, false)]
    [InlineData("made-up", AssurancePreset.Legacy, false)]
    public void An_amr_value_counts_as_a_second_factor_when_its_method_does_under_the_preset(string amr, AssurancePreset preset, bool counts)
    {
        Assert.Equal(counts, MfaMethods.CountsAsSecondFactor(amr, preset));
    }
}
