using IdentityHub.Admin.Access;
using IdentityHub.Administration.People;
using IdentityHub.Core.Organizations;

namespace IdentityHub.Admin.Api;

/// <summary><c>/api/v1/people</c>: an organization's people (D3, D6). Someone in another organization is 404.</summary>
internal static class PeopleApi
{
    public static RouteGroupBuilder MapPeople(this RouteGroupBuilder api)
    {
        var people = api.MapGroup("/people").WithTags("People");

        people.MapGet("/", ListAsync)
            .WithName("ListPeople")
            .WithSummary("List people")
            .WithDescription("Search by name, username or email; filter by role (and by organization, for the plan's staff); order (Name, NameDescending, LastSignIn, LeastRecentSignIn); page. Organization administrators see their own organization's people only.")
            .Produces<Administration.Page<PersonView>>()
            .ProducesValidationProblem();

        people.MapGet("/{id}", FindAsync)
            .WithName("GetPerson")
            .WithSummary("Read one person")
            .WithDescription("The ETag header carries the version to send back in If-Match with a change.")
            .Produces<PersonView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        people.MapPut("/{id}/role", ChangeRoleAsync)
            .WithName("ChangeRole")
            .WithSummary("Make a person a general user, a backup or the primary administrator")
            .WithDescription("Refused when the organization would be left without its primary administrator; done with a warning when it has no backup administrator. The help desk changes no roles.")
            .Produces<Outcome<PersonView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        return people;
    }

    private static async Task<IResult> ListAsync(
        ApiCaller caller,
        PeopleDirectory directory,
        string? search,
        AdministrativeRole? role,
        string? organizationId,
        PeopleOrder? order,
        int? page,
        int? pageSize,
        CancellationToken cancellationToken)
    {
        if (Paging.Check(page, pageSize) is { } problem)
        {
            return problem;
        }

        var query = new PeopleQuery(search, role, organizationId, page ?? 1, pageSize ?? Paging.DefaultSize, order ?? PeopleOrder.Name);
        return TypedResults.Ok(await directory.ListAsync(caller, query, cancellationToken));
    }

    private static async Task<IResult> FindAsync(ApiCaller caller, PeopleDirectory directory, string id, CancellationToken cancellationToken) =>
        ApiResults.Found(await directory.FindAsync(caller, id, cancellationToken), person => person.Version);

    private static async Task<IResult> ChangeRoleAsync(ApiCaller caller, PeopleDirectory directory, HttpRequest request, string id, RoleChange change, CancellationToken cancellationToken)
    {
        if (Versions.FromIfMatch(request) is not { } version)
        {
            return ApiResults.VersionRequired();
        }

        if (change.Role is not { } role)
        {
            return ApiResults.Invalid("role", "Choose GeneralUser, BackupAdministrator or PrimaryAdministrator.");
        }

        return ApiResults.From(await directory.ChangeRoleAsync(caller, id, version, role, cancellationToken), person => person.Version);
    }
}

/// <summary>The role a person is to have in their organization.</summary>
public sealed record RoleChange(AdministrativeRole? Role);
