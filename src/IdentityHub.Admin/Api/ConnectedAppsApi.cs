using IdentityHub.Admin.Access;
using IdentityHub.Administration;
using IdentityHub.Administration.People;

namespace IdentityHub.Admin.Api;

/// <summary>
/// <c>/api/v1/people/{id}/connected-apps</c>: the apps a person connected to their account (SMART apps and other
/// third-party apps, P12 and P13), and taking one back by the plan. Platform staff only; anyone else gets 404.
/// </summary>
internal static class ConnectedAppsApi
{
    public static RouteGroupBuilder MapConnectedApps(this RouteGroupBuilder people)
    {
        people.MapGet("/{id}/connected-apps", ListAsync)
            .WithName("ListPersonConnectedApps")
            .WithSummary("List a person's connected apps")
            .WithDescription("Each app the person allowed to use their account, with the scopes they granted and since when. The plan's staff only.")
            .Produces<Outcome<IReadOnlyList<ConnectedAppView>>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        // No If-Match: taking consent back ends in the same state whenever it is done, and a second time finds nothing (404).
        people.MapDelete("/{personId}/connected-apps/{authorizationId}", RevokeAsync)
            .WithName("RevokePersonConnectedApp")
            .WithSummary("Disconnect an app from a person's account")
            .WithDescription("The person's consent and every token it issued are revoked at once: the app's refresh token stops working and the app must ask the person again. The plan's staff only.")
            .Produces<Outcome<ConnectedAppView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return people;
    }

    private static async Task<IResult> ListAsync(ApiCaller caller, PersonConnectedApps apps, string id, CancellationToken cancellationToken) =>
        ApiResults.From(await apps.ListAsync(caller.Value, id, cancellationToken));

    private static async Task<IResult> RevokeAsync(ApiCaller caller, PersonConnectedApps apps, string personId, string authorizationId, CancellationToken cancellationToken) =>
        ApiResults.From(await apps.RevokeAsync(caller.Value, personId, authorizationId, cancellationToken));
}
