using IdentityHub.Admin.Access;
using IdentityHub.Core.Organizations;

namespace IdentityHub.Admin.Api;

/// <summary><c>/api/v1/me</c>: who the API takes the caller to be, as the database says now.</summary>
internal static class MeApi
{
    public static void MapMe(this RouteGroupBuilder api) =>
        api.MapGet("/me", (ApiCaller caller) => TypedResults.Ok(new Me(caller.Value.UserId, caller.Value.Role, caller.Value.OrganizationId)))
            .WithTags("Me")
            .WithName("GetMe")
            .WithSummary("Who am I")
            .WithDescription("The caller's role and organization, read from the database on this request (a service's from its registered rights).")
            .Produces<Me>();
}

/// <summary>The caller: a person's user id, or <c>client:</c> and a service's client id.</summary>
public sealed record Me(string Id, AdministrativeRole Role, string? OrganizationId);
