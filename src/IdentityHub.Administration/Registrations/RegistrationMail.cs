namespace IdentityHub.Administration.Registrations;

/// <summary>
/// The emails of a registration request (D2), in plain words: "we received your request" to both
/// administrators it names, and the reason when it is rejected. Approval sends each of them the
/// invitation email instead.
/// </summary>
public static class RegistrationMail
{
    public const string ReceivedSubject = "We received your request to register";

    public const string RejectedSubject = "Your registration request was not approved";

    public static string Received(string givenName, string organizationName, string reference) =>
        $"Hello {givenName},\n\n" +
        $"We received a request to register {organizationName} with your health plan's portals, naming you as one of its two administrators.\n\n" +
        "The health plan's staff will review it. If it is approved, you will get another email with a link to choose your username and password.\n\n" +
        "If you did not expect this email, someone may have typed your address by mistake. You do not need to do anything; " +
        "you can tell your health plan's help desk and read them the reference number below.\n\n" +
        $"Reference number: {reference}";

    public static string Rejected(string givenName, string organizationName, string reason, string reference) =>
        $"Hello {givenName},\n\n" +
        $"Your health plan's staff reviewed the request to register {organizationName} and could not approve it. The reason they gave:\n\n" +
        $"{reason}\n\n" +
        "You can send a new request once this is resolved, or call your health plan's help desk with the reference number below.\n\n" +
        $"Reference number: {reference}";
}
