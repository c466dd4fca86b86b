using IdentityHub.Core.Mfa;

namespace IdentityHub.Core.Tests.Mfa;

public sealed class CodeMessagesTests
{
    /// <summary>The plans' wording (M4), as the token server's English texts have it.</summary>
    private static readonly CodeMessageTemplate Plans = new()
    {
        EmailSubject = "Your account security code.",
        EmailBody = "Please use security code {code} to log in to your health plan portal account.",
        SmsBody = "Please use security code {code} to log in to your health plan portal account.",
        VoiceBody = "Hello. Your health plan portal security code is {spoken-code}. Again, your code is {spoken-code}.",
    };

    [Fact]
    public void The_email_reads_as_the_plans_send_it()
    {
        var (subject, body) = CodeMessages.Render(Plans, CodeChannel.Email, "123456", "Provider portal");

        Assert.Equal("Your account security code.", subject);
        Assert.Equal("Please use security code 123456 to log in to your health plan portal account.", body);
    }

    [Fact]
    public void The_text_message_reads_as_the_plans_send_it()
    {
        var (subject, body) = CodeMessages.Render(Plans, CodeChannel.Sms, "123456", "Provider portal");

        Assert.Null(subject);
        Assert.Equal("Please use security code 123456 to log in to your health plan portal account.", body);
    }

    [Fact]
    public void The_phone_call_reads_the_digits_one_by_one_twice()
    {
        var (subject, body) = CodeMessages.Render(Plans, CodeChannel.Voice, "012345", "Provider portal");

        Assert.Null(subject);
        Assert.Equal("Hello. Your health plan portal security code is 0, 1, 2, 3, 4, 5. Again, your code is 0, 1, 2, 3, 4, 5.", body);
    }

    [Fact]
    public void Portal_name_is_filled_in_and_unknown_placeholders_stay()
    {
        var template = new CodeMessageTemplate
        {
            EmailSubject = "{portal}: your code",
            EmailBody = "Code {code} for {portal}. {unknown} {CODE} {code",
        };

        var (subject, body) = CodeMessages.Render(template, CodeChannel.Email, "654321", "Member portal");

        Assert.Equal("Member portal: your code", subject);
        Assert.Equal("Code 654321 for Member portal. {unknown} {CODE} {code", body);
    }

    [Fact]
    public void Replaced_values_are_not_filled_in_again()
    {
        var template = new CodeMessageTemplate { SmsBody = "{portal} {code}" };

        var (_, body) = CodeMessages.Render(template, CodeChannel.Sms, "123456", "Portal {code}");

        Assert.Equal("Portal {code} 123456", body);
    }

    private static readonly CodeMessageTemplate ProviderSpanishUs = new() { SmsBody = "provider es-US" };
    private static readonly CodeMessageTemplate ProviderSpanish = new() { SmsBody = "provider es" };
    private static readonly CodeMessageTemplate Provider = new() { SmsBody = "provider" };
    private static readonly CodeMessageTemplate Spanish = new() { SmsBody = "es" };
    private static readonly CodeMessageTemplate Everyone = new() { SmsBody = "everyone" };

    private static readonly Dictionary<(string ClientId, string Language), CodeMessageTemplate> All = new()
    {
        [("provider-portal", "es-US")] = ProviderSpanishUs,
        [("provider-portal", "es")] = ProviderSpanish,
        [("provider-portal", "")] = Provider,
        [("", "es")] = Spanish,
        [("", "")] = Everyone,
    };

    [Theory]
    [InlineData("provider-portal", "es-US", "provider es-US")]
    [InlineData("provider-portal", "es-us", "provider es-US")]
    [InlineData("provider-portal", "es_US", "provider es-US")]
    [InlineData("provider-portal", "es-MX", "provider es")]
    [InlineData("provider-portal", "es", "provider es")]
    [InlineData("provider-portal", "en-US", "provider")]
    [InlineData("provider-portal", null, "provider")]
    [InlineData("member-portal", "es-MX", "es")]
    [InlineData("member-portal", "en", "everyone")]
    [InlineData(null, "es", "es")]
    [InlineData(null, null, "everyone")]
    public void The_most_specific_template_is_chosen(string? clientId, string? language, string expected)
    {
        Assert.Equal(expected, CodeMessages.Choose(All, clientId, language)?.SmsBody);
    }

    [Fact]
    public void With_no_templates_none_is_chosen_and_the_callers_defaults_apply()
    {
        Assert.Null(CodeMessages.Choose(new Dictionary<(string, string), CodeMessageTemplate>(), "provider-portal", "es"));
    }

    [Fact]
    public void Client_ids_compare_exactly()
    {
        Assert.Equal("everyone", CodeMessages.Choose(All, "Provider-Portal", null)?.SmsBody);
    }
}
