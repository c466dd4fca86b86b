using IdentityHub.Core.Mfa;

namespace IdentityHub.Core.Tests.Mfa;

public sealed class DestinationsTests
{
    [Theory]
    [InlineData("rosar@hpsm.org", "r*****r@hpsm.org")]
    [InlineData("rebecca.taylor@hpsm.org", "r*****r@hpsm.org")]
    [InlineData("abc@example.com", "a*****c@example.com")]
    [InlineData("ab@example.com", "a*****@example.com")]
    [InlineData("a@example.com", "a*****@example.com")]
    [InlineData("  rosar@hpsm.org ", "r*****r@hpsm.org")]
    public void Email_shows_first_and_last_character_and_a_fixed_number_of_stars(string email, string expected)
    {
        Assert.Equal(expected, Destinations.MaskEmail(email));
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("@hpsm.org")]
    [InlineData("")]
    public void Something_that_is_not_an_email_shows_nothing(string email)
    {
        Assert.Equal("*****", Destinations.MaskEmail(email));
    }

    [Theory]
    [InlineData("+16505552652", "(***) ***-2652")]
    [InlineData("+14165550199", "(***) ***-0199")]
    [InlineData("+447700900123", "+44 *** *** 0123")]
    [InlineData("+33612345678", "+33 *** *** 5678")]
    [InlineData("+353851234567", "+353 *** *** 4567")]
    public void Phone_shows_the_last_four_digits(string e164, string expected)
    {
        Assert.Equal(expected, Destinations.MaskPhone(e164));
    }

    [Theory]
    [InlineData("6505552652", "*** *** 2652")]
    [InlineData("12", "***")]
    public void A_phone_that_is_not_e164_still_shows_no_more_than_four_digits(string input, string expected)
    {
        Assert.Equal(expected, Destinations.MaskPhone(input));
    }

    [Fact]
    public void Each_method_masks_its_own_kind_of_destination()
    {
        Assert.Equal("r*****r@hpsm.org", MfaMethods.Email.Mask("rosar@hpsm.org"));
        Assert.Equal("(***) ***-2652", MfaMethods.Sms.Mask("+16505552652"));
        Assert.Equal("(***) ***-2652", MfaMethods.Voice.Mask("+16505552652"));
        Assert.Equal("Authenticator app", MfaMethods.AuthenticatorApp.Mask("Authenticator app"));
    }
}
