using IdentityHub.Admin.Access;

namespace IdentityHub.Admin.Api;

/// <summary>The REST API under <c>/api/v1</c>: every endpoint needs an admin token and a caller with rights.</summary>
internal static class AdminApi
{
    public const string Prefix = "/api/v1";

    public static void MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix)
            .RequireAuthorization(AdminAccess.Policy)
            .WithMetadata(new NeedsAdminCaller())
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapMe();
        api.MapOrganizations();
        api.MapLocations();
        var people = api.MapPeople();
        people.MapAccountActions();
        people.MapConnectedApps();
        api.MapInvitations();
        api.MapRegistrations();
        api.MapReferences();
        api.MapProfiles();
        api.MapAccessReviews();
        api.MapAudit();
        api.MapClients();
    }
}
