using IdentityHub.Admin.Access;
using IdentityHub.Administration;
using IdentityHub.Administration.Organizations;

namespace IdentityHub.Admin.Api;

/// <summary><c>/api/v1/organizations/{id}/locations</c>: an organization's offices (D1), which invitations and people name.</summary>
internal static class LocationsApi
{
    public static void MapLocations(this RouteGroupBuilder api)
    {
        var locations = api.MapGroup("/organizations/{id}/locations").WithTags("Organizations");

        locations.MapGet("/", ListAsync)
            .WithName("ListLocations")
            .WithSummary("List an organization's offices")
            .WithDescription("By name. The plan's staff read any organization's offices; an organization's administrators their own.")
            .Produces<IReadOnlyList<LocationView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        locations.MapPost("/", AddAsync)
            .WithName("AddLocation")
            .WithSummary("Add an office")
            .WithDescription("A name, a US address and, if it has one, a phone. Platform administrators and the organization's primary and backup administrators; the help desk only reads.")
            .Produces<Outcome<LocationView>>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        locations.MapPut("/{locationId}", ChangeAsync)
            .WithName("ChangeLocation")
            .WithSummary("Change an office")
            .WithDescription("Send the whole office and its ETag (from the list's version or an earlier answer) in If-Match.")
            .Produces<Outcome<LocationView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        locations.MapDelete("/{locationId}", RemoveAsync)
            .WithName("RemoveLocation")
            .WithSummary("Remove an office")
            .WithDescription("Send its ETag in If-Match. Refused (400, naming 'location') while people work there or pending invitations name it.")
            .Produces<Outcome<LocationView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }

    private static async Task<IResult> ListAsync(ApiCaller caller, LocationDirectory directory, string id, CancellationToken cancellationToken) =>
        await directory.ListAsync(caller, id, cancellationToken) is AdminResult<IReadOnlyList<LocationView>>.Done done
            ? TypedResults.Ok(done.Value)
            : ApiResults.NotFound();

    private static async Task<IResult> AddAsync(ApiCaller caller, LocationDirectory directory, string id, LocationInput input, CancellationToken cancellationToken) =>
        ApiResults.From(
            await directory.AddAsync(caller, id, input, cancellationToken),
            location => location.Version,
            location => $"/api/v1/organizations/{location.OrganizationId}/locations/{location.Id}");

    private static async Task<IResult> ChangeAsync(ApiCaller caller, LocationDirectory directory, HttpRequest request, string id, string locationId, LocationInput input, CancellationToken cancellationToken)
    {
        if (Versions.FromIfMatch(request) is not { } version)
        {
            return ApiResults.VersionRequired();
        }

        return ApiResults.From(await directory.ChangeAsync(caller, id, locationId, version, input, cancellationToken), location => location.Version);
    }

    private static async Task<IResult> RemoveAsync(ApiCaller caller, LocationDirectory directory, HttpRequest request, string id, string locationId, CancellationToken cancellationToken)
    {
        if (Versions.FromIfMatch(request) is not { } version)
        {
            return ApiResults.VersionRequired();
        }

        return ApiResults.From(await directory.RemoveAsync(caller, id, locationId, version, cancellationToken));
    }
}
