using IdentityHub.Admin.Access;
using IdentityHub.Administration;
using IdentityHub.Administration.People;

namespace IdentityHub.Admin.Api;

/// <summary>
/// <c>/api/v1/people/{id}/...</c>: what administrators do to one person's account (D6), and the help desk's
/// part of it (D8: unlock, start a password reset). Each answer carries the audit reference to read out.
/// </summary>
internal static class AccountActionsApi
{
    private delegate Task<AdminResult<PersonView>> Action(AccountActions actions, AdminCaller caller, string id, string version, CancellationToken cancellationToken);

    public static void MapAccountActions(this RouteGroupBuilder people)
    {
        Map(people, "disable", "DisablePerson", "Turn an account off",
            "Every session ends and every token is revoked at once; the person cannot sign in until an administrator turns the account on again. Not your own account.",
            (actions, caller, id, version, token) => actions.DisableAsync(caller, id, version, token));
        Map(people, "enable", "EnablePerson", "Turn an account back on",
            "Whatever turned it off (an administrator, inactivity); the lockout and failed attempts are cleared.",
            (actions, caller, id, version, token) => actions.EnableAsync(caller, id, version, token));
        Map(people, "unlock", "UnlockPerson", "Unlock an account",
            "Clears the second-factor lockout (wrong codes) and the password lockout. The help desk may do this.",
            (actions, caller, id, version, token) => actions.UnlockAsync(caller, id, version, token));
        Map(people, "reset-mfa", "ResetPersonMfa", "Reset a person's second factors",
            "Every method, passkey, authenticator app, recovery code and remembered device is removed and every session ends; the person enrolls again at their next sign-in and is told by email. Not your own account.",
            (actions, caller, id, version, token) => actions.ResetMfaAsync(caller, id, version, token));
        Map(people, "end-sessions", "EndPersonSessions", "Sign a person out everywhere",
            "Every session ends and every refresh token is revoked.",
            (actions, caller, id, version, token) => actions.EndSessionsAsync(caller, id, version, token));
        Map(people, "password-reset", "StartPersonPasswordReset", "Start a password reset",
            "The person gets an email with a single-use link to choose a new password; administrators never set or see one. The help desk may do this.",
            (actions, caller, id, version, token) => actions.StartPasswordResetAsync(caller, id, version, token));

        people.MapPut("/{id}/details", ChangeDetailsAsync)
            .WithName("ChangePersonDetails")
            .WithSummary("Change a person's name and office")
            .WithDescription("Given name, family name and office (one of the organization's locations). Email and phone are the person's own to change, proven by a code.")
            .Produces<Outcome<PersonView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }

    private static void Map(RouteGroupBuilder people, string path, string name, string summary, string description, Action action) =>
        people.MapPost("/{id}/" + path, async (ApiCaller caller, AccountActions actions, HttpRequest request, string id, CancellationToken cancellationToken) =>
                Versions.FromIfMatch(request) is { } version
                    ? ApiResults.From(await action(actions, caller, id, version, cancellationToken), person => person.Version)
                    : ApiResults.VersionRequired())
            .WithName(name)
            .WithSummary(summary)
            .WithDescription(description + " Send the ETag you read in If-Match.")
            .Produces<Outcome<PersonView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

    private static async Task<IResult> ChangeDetailsAsync(ApiCaller caller, AccountActions actions, HttpRequest request, string id, PersonDetailsInput input, CancellationToken cancellationToken) =>
        Versions.FromIfMatch(request) is { } version
            ? ApiResults.From(await actions.ChangeDetailsAsync(caller, id, version, input, cancellationToken), person => person.Version)
            : ApiResults.VersionRequired();
}
