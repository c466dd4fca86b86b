using IdentityHub.Testing;
using System.Text;
using IdentityHub.Delivery.Tests.StandIns;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Delivery.Tests.Twilio;

public sealed class TwilioRequestTests : IAsyncLifetime
{
    private HttpStandIn _twilio = null!;
    private ServiceProvider _services = null!;
    private readonly RecordingAudit _audit = new();

    public async Task InitializeAsync()
    {
        _twilio = (await HttpStandIn.StartAsync()).AnswersLikeTwilio();
        var settings = DeliveryServices.FastResilience();
        settings.AddTwilio("Sms", 0, "twilio-sms", _twilio.BaseUrl);
        settings.AddTwilio("Voice", 0, "twilio-voice", _twilio.BaseUrl);
        _services = DeliveryServices.Build(settings, _audit);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _twilio.DisposeAsync();
    }

    [Fact]
    public async Task Sms_is_posted_to_the_Messages_resource_with_form_fields_and_basic_auth()
    {
        var sender = _services.GetRequiredService<IMessageSender>();

        var outcome = await sender.SendAsync(
            new DeliveryMessage(DeliveryKind.Sms, "+16505550123", null, "Your Health Plan code is 493817", "ref-sms-1"),
            CancellationToken.None);

        Assert.Equal(new DeliveryOutcome.Sent("twilio-sms"), outcome);
        var request = Assert.Single(_twilio.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/2010-04-01/Accounts/ACtesttwiliosms/Messages.json", request.Path);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Header("Content-Type"));
        Assert.Equal("+16505550123", request.Form["To"]);
        Assert.Equal("+16505550100", request.Form["From"]);
        Assert.Equal("Your Health Plan code is 493817", request.Form["Body"]);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("ACtesttwiliosms:test-auth-token"));
        Assert.Equal($"Basic {basic}", request.Header("Authorization"));

        var attempt = Assert.Single(_audit.Attempts);
        Assert.Equal(DeliveryAttemptOutcomes.Sent, attempt.Outcome);
        Assert.StartsWith("SM", attempt.Detail);
    }

    [Fact]
    public async Task Voice_is_posted_to_the_Calls_resource_with_escaped_TwiML()
    {
        var sender = _services.GetRequiredService<IMessageSender>();

        var outcome = await sender.SendAsync(
            new DeliveryMessage(DeliveryKind.Voice, "+16505550123", null, "Your code is 4 9 3 <8> & 1 7", "ref-voice-1"),
            CancellationToken.None);

        Assert.Equal(new DeliveryOutcome.Sent("twilio-voice"), outcome);
        var request = Assert.Single(_twilio.Requests);
        Assert.Equal("/2010-04-01/Accounts/ACtesttwiliovoice/Calls.json", request.Path);
        Assert.Equal("+16505550123", request.Form["To"]);
        Assert.Equal("+16505550100", request.Form["From"]);
        Assert.Equal("<Response><Say>Your code is 4 9 3 &lt;8&gt; &amp; 1 7</Say></Response>", request.Form["Twiml"]);
        Assert.False(request.Form.ContainsKey("Body"));
        Assert.StartsWith("CA", Assert.Single(_audit.Attempts).Detail);
    }

    [Fact]
    public async Task Address_that_is_not_E164_is_refused_without_a_request()
    {
        var sender = _services.GetRequiredService<IMessageSender>();

        var outcome = await sender.SendAsync(
            new DeliveryMessage(DeliveryKind.Sms, "650-555-0123", null, "code", "ref-sms-bad"),
            CancellationToken.None);

        Assert.Equal(new DeliveryOutcome.Failed("No sms channel can deliver to this address"), outcome);
        Assert.Empty(_twilio.Requests);
    }
}
