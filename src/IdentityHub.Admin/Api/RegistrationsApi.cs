using IdentityHub.Admin.Access;
using IdentityHub.Administration;
using IdentityHub.Administration.Organizations;
using IdentityHub.Administration.Registrations;
using IdentityHub.Data.Organizations;

namespace IdentityHub.Admin.Api;

/// <summary>
/// <c>/api/v1/registrations</c> (D2): requests from practices and agencies to join, submitted on the token
/// server's public page; platform administrators approve (the organization is created and both named
/// administrators invited) or reject them with a reason (emailed).
/// </summary>
internal static class RegistrationsApi
{
    public static void MapRegistrations(this RouteGroupBuilder api)
    {
        var registrations = api.MapGroup("/registrations").WithTags("Registration requests");

        registrations.MapGet("/", ListAsync)
            .WithName("ListRegistrationRequests")
            .WithSummary("List registration requests")
            .WithDescription("The plan's staff only (platform administrators decide; the help desk reads, to answer callers); oldest first; status Pending unless asked.")
            .Produces<IReadOnlyList<RegistrationView>>()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        registrations.MapPost("/{id}/approve", ApproveAsync)
            .WithName("ApproveRegistrationRequest")
            .WithSummary("Approve a registration request")
            .WithDescription("Creates the organization and invites its primary and backup administrators, in one change.")
            .Produces<Outcome<OrganizationView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        registrations.MapPost("/{id}/reject", RejectAsync)
            .WithName("RejectRegistrationRequest")
            .WithSummary("Reject a registration request")
            .WithDescription("The reason is required; it is emailed to the requester.")
            .Produces<Outcome<RegistrationView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }

    private static async Task<IResult> ListAsync(ApiCaller caller, RegistrationDesk desk, RegistrationStatus? status, CancellationToken cancellationToken) =>
        await desk.ListAsync(caller, status ?? RegistrationStatus.Pending, cancellationToken) switch
        {
            AdminResult<IReadOnlyList<RegistrationView>>.Done done => TypedResults.Ok(done.Value),
            var refused => ApiResults.From(refused),
        };

    private static async Task<IResult> ApproveAsync(ApiCaller caller, RegistrationDesk desk, HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (Versions.FromIfMatch(request) is not { } version)
        {
            return ApiResults.VersionRequired();
        }

        var approved = await desk.ApproveAsync(caller, id, version, cancellationToken);
        return ApiResults.From(approved.Select(done => done.Organization), organization => organization.Version);
    }

    private static async Task<IResult> RejectAsync(ApiCaller caller, RegistrationDesk desk, HttpRequest request, string id, Rejection rejection, CancellationToken cancellationToken) =>
        Versions.FromIfMatch(request) is { } version
            ? ApiResults.From(await desk.RejectAsync(caller, id, version, rejection.Reason, cancellationToken), registration => registration.Version)
            : ApiResults.VersionRequired();
}

/// <summary>Why a registration request is turned down, in words the requester will read.</summary>
public sealed record Rejection(string? Reason);
