using IdentityHub.Admin.Access;
using IdentityHub.Administration.Governance;

namespace IdentityHub.Admin.Api;

/// <summary>
/// <c>/api/v1/profiles</c> and <c>/api/v1/organizations/{id}/profiles</c>: the security profiles of each portal
/// (D4) and the organizations that hold them. Platform administrators change them; organization administrators
/// read the profiles their organization holds.
/// </summary>
internal static class ProfilesApi
{
    public static void MapProfiles(this RouteGroupBuilder api)
    {
        var profiles = api.MapGroup("/profiles").WithTags("Security profiles");

        profiles.MapGet("/", ListAsync)
            .WithName("ListProfiles")
            .WithSummary("List security profiles")
            .WithDescription("Every profile for the plan's staff (filter by portal with clientId); for an organization's administrators, the profiles their organization holds.")
            .Produces<IReadOnlyList<ProfileView>>();

        profiles.MapGet("/{id}", FindAsync)
            .WithName("GetProfile")
            .WithSummary("Read one security profile")
            .Produces<ProfileView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        profiles.MapPost("/", CreateAsync)
            .WithName("CreateProfile")
            .WithSummary("Define a security profile for a portal")
            .WithDescription("Platform administrators only. role is the value of the role claim (lower-case letters, digits, '-' and '_'), unique per portal.")
            .Produces<Outcome<ProfileView>>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        profiles.MapPut("/{id}", UpdateAsync)
            .WithName("UpdateProfile")
            .WithSummary("Rename or re-describe a security profile")
            .WithDescription("Platform administrators only; send the ETag you read in If-Match. A profile stays with its portal.")
            .Produces<Outcome<ProfileView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        profiles.MapDelete("/{id}", DeleteAsync)
            .WithName("DeleteProfile")
            .WithSummary("Delete a security profile")
            .WithDescription("Platform administrators only; send the ETag in If-Match. Every organization and person loses it: their next token refresh for the portal is refused.")
            .Produces<Outcome<ProfileView>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        var grants = api.MapGroup("/organizations/{organizationId}/profiles").WithTags("Security profiles");

        grants.MapGet("/", ListGrantsAsync)
            .WithName("ListOrganizationProfiles")
            .WithSummary("The security profiles an organization holds")
            .Produces<IReadOnlyList<ProfileView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        grants.MapPut("/{profileId}", GrantAsync)
            .WithName("GrantProfile")
            .WithSummary("Grant a security profile to an organization")
            .WithDescription("Platform administrators only. Its administrators may then give it to their people. Granting one it holds changes nothing.")
            .Produces<Outcome<ProfileView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        grants.MapDelete("/{profileId}", RevokeAsync)
            .WithName("RevokeProfile")
            .WithSummary("Take a security profile back from an organization")
            .WithDescription("Platform administrators only. Each of its people who held the profile loses it.")
            .Produces<Outcome<ProfileView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(ApiCaller caller, ProfileCatalog catalog, string? clientId, CancellationToken cancellationToken) =>
        TypedResults.Ok(await catalog.ListAsync(caller, clientId, cancellationToken));

    private static async Task<IResult> FindAsync(ApiCaller caller, ProfileCatalog catalog, string id, CancellationToken cancellationToken) =>
        ApiResults.Found(await catalog.FindAsync(caller, id, cancellationToken), profile => profile.Version);

    private static async Task<IResult> CreateAsync(ApiCaller caller, ProfileCatalog catalog, ProfileInput input, CancellationToken cancellationToken) =>
        ApiResults.From(await catalog.CreateAsync(caller, input, cancellationToken), profile => profile.Version, profile => $"{AdminApi.Prefix}/profiles/{profile.Id}");

    private static async Task<IResult> UpdateAsync(ApiCaller caller, ProfileCatalog catalog, HttpRequest request, string id, ProfileInput input, CancellationToken cancellationToken) =>
        Versions.FromIfMatch(request) is not { } version
            ? ApiResults.VersionRequired()
            : ApiResults.From(await catalog.UpdateAsync(caller, id, version, input, cancellationToken), profile => profile.Version);

    private static async Task<IResult> DeleteAsync(ApiCaller caller, ProfileCatalog catalog, HttpRequest request, string id, CancellationToken cancellationToken) =>
        Versions.FromIfMatch(request) is not { } version
            ? ApiResults.VersionRequired()
            : ApiResults.From(await catalog.DeleteAsync(caller, id, version, cancellationToken));

    private static async Task<IResult> ListGrantsAsync(ApiCaller caller, OrganizationGrants grants, string organizationId, CancellationToken cancellationToken) =>
        await grants.ListAsync(caller, organizationId, cancellationToken) is { } list ? TypedResults.Ok(list) : ApiResults.NotFound();

    private static async Task<IResult> GrantAsync(ApiCaller caller, OrganizationGrants grants, string organizationId, string profileId, CancellationToken cancellationToken) =>
        ApiResults.From(await grants.GrantAsync(caller, organizationId, profileId, cancellationToken));

    private static async Task<IResult> RevokeAsync(ApiCaller caller, OrganizationGrants grants, string organizationId, string profileId, CancellationToken cancellationToken) =>
        ApiResults.From(await grants.RevokeAsync(caller, organizationId, profileId, cancellationToken));
}
