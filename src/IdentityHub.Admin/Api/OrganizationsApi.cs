using IdentityHub.Admin.Access;
using IdentityHub.Administration.Organizations;
using IdentityHub.Data.Organizations;

namespace IdentityHub.Admin.Api;

/// <summary><c>/api/v1/organizations</c>: the practices and agencies (D1). Organization administrators see their own only.</summary>
internal static class OrganizationsApi
{
    public static void MapOrganizations(this RouteGroupBuilder api)
    {
        var organizations = api.MapGroup("/organizations").WithTags("Organizations");

        organizations.MapGet("/", ListAsync)
            .WithName("ListOrganizations")
            .WithSummary("List organizations")
            .WithDescription("Search by name or Tax ID, filter by status, order, and page (page numbers from 1, up to 100 per page). Organization administrators see only their own organization.")
            .Produces<Administration.Page<OrganizationView>>()
            .ProducesValidationProblem();

        organizations.MapGet("/{id}", FindAsync)
            .WithName("GetOrganization")
            .WithSummary("Read one organization")
            .WithDescription("The ETag header carries its version, to send back in If-Match with a change.")
            .Produces<OrganizationView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        organizations.MapPost("/", CreateAsync)
            .WithName("CreateOrganization")
            .WithSummary("Register an organization")
            .WithDescription("Platform administrators only. The Tax ID is nine digits; send it once (taxId) or twice (taxId and taxIdConfirmation) as a form would.")
            .Produces<Outcome<OrganizationView>>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        organizations.MapPut("/{id}", UpdateAsync)
            .WithName("UpdateOrganization")
            .WithSummary("Change an organization")
            .WithDescription("Send the whole organization and the ETag you read in If-Match. Platform administrators change any; an organization's administrators change their own.")
            .Produces<Outcome<OrganizationView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }

    private static async Task<IResult> ListAsync(
        ApiCaller caller,
        OrganizationDirectory directory,
        string? search,
        OrganizationStatus? status,
        OrganizationOrder? order,
        int? page,
        int? pageSize,
        CancellationToken cancellationToken)
    {
        if (Paging.Check(page, pageSize) is { } problem)
        {
            return problem;
        }

        var query = new OrganizationQuery(search, status, order ?? OrganizationOrder.Name, page ?? 1, pageSize ?? Paging.DefaultSize);
        return TypedResults.Ok(await directory.ListAsync(caller, query, cancellationToken));
    }

    private static async Task<IResult> FindAsync(ApiCaller caller, OrganizationDirectory directory, string id, CancellationToken cancellationToken) =>
        ApiResults.Found(await directory.FindAsync(caller, id, cancellationToken), organization => organization.Version);

    private static async Task<IResult> CreateAsync(ApiCaller caller, OrganizationDirectory directory, OrganizationInput input, CancellationToken cancellationToken) =>
        ApiResults.From(
            await directory.CreateAsync(caller, input with { TaxIdConfirmation = input.TaxIdConfirmation ?? input.TaxId }, cancellationToken),
            organization => organization.Version,
            organization => $"/api/v1/organizations/{organization.Id}");

    private static async Task<IResult> UpdateAsync(ApiCaller caller, OrganizationDirectory directory, HttpRequest request, string id, OrganizationInput input, CancellationToken cancellationToken)
    {
        if (Versions.FromIfMatch(request) is not { } version)
        {
            return ApiResults.VersionRequired();
        }

        return ApiResults.From(
            await directory.UpdateAsync(caller, id, version, input with { TaxIdConfirmation = input.TaxIdConfirmation ?? input.TaxId }, cancellationToken),
            organization => organization.Version);
    }
}
