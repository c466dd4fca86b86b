namespace IdentityHub.Testing;

/// <summary>Answers shaped like Twilio's REST API.</summary>
public static class TwilioReplies
{
    private static int s_counter;

    public static StandInReply Created(string prefix = "SM") =>
        new(201, $$"""{"sid":"{{prefix}}{{Interlocked.Increment(ref s_counter):D32}}","status":"queued"}""");

    public static StandInReply Error(int status, int code, string message) =>
        new(status, $$"""{"code":{{code}},"message":"{{message}}","more_info":"https://www.twilio.com/docs/errors/{{code}}","status":{{status}}}""");

    public static readonly StandInReply ServiceUnavailable = new(503, "{}");

    public static StandInReply TooManyRequests => Error(429, 20429, "Too Many Requests");

    public static StandInReply InvalidNumber => Error(400, 21211, "The 'To' number +15005550001 is not a valid phone number.");

    /// <summary>Makes the stand-in answer like Twilio: 201 with a Message (SM…) or Call (CA…) sid.</summary>
    public static HttpStandIn AnswersLikeTwilio(this HttpStandIn standIn)
    {
        standIn.DefaultReply = request => Created(request.Path.EndsWith("/Calls.json", StringComparison.Ordinal) ? "CA" : "SM");
        return standIn;
    }
}
