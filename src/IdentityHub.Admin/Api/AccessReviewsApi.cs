using IdentityHub.Admin.Access;
using IdentityHub.Administration.Governance;

namespace IdentityHub.Admin.Api;

/// <summary>
/// <c>/api/v1/people/{id}/access</c> and <c>/api/v1/access-reviews</c>: the profiles a person holds (D4, A13) and
/// the re-certification of everyone's access (D7). Organization administrators act on their own people;
/// nobody changes or confirms their own access.
/// </summary>
internal static class AccessReviewsApi
{
    public static void MapAccessReviews(this RouteGroupBuilder api)
    {
        var access = api.MapGroup("/people/{id}/access").WithTags("Access reviews");

        access.MapGet("/", FindAsync)
            .WithName("GetPersonAccess")
            .WithSummary("A person's security profiles and re-certification")
            .WithDescription("The profiles they hold, those that may be given to them (their organization's), and when their access was confirmed and is due.")
            .Produces<PersonAccessView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithDescription("The ETag header carries the version of the profiles held, to send back in If-Match with a change.");

        access.MapPut("/profiles", SetAsync)
            .WithName("SetPersonProfiles")
            .WithSummary("Set the security profiles a person holds")
            .WithDescription("Replaces what they hold with profileIds (an empty list removes every profile), with the ETag read in If-Match. Only profiles their organization holds; the help desk and the person themself may not. A removed profile's next token refresh is refused.")
            .Produces<Outcome<PersonAccessView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        var reviews = api.MapGroup("/access-reviews").WithTags("Access reviews");

        reviews.MapGet("/", ListAsync)
            .WithName("ListAccessReviews")
            .WithSummary("Who must have their access confirmed, and by when")
            .WithDescription("Everyone holding a security profile, earliest deadline first; filter by status (Current, DueSoon, Overdue, Suspended) and, for the plan's staff, organizationId.")
            .Produces<Administration.Page<ReviewView>>()
            .ProducesValidationProblem();

        reviews.MapPost("/confirm", ConfirmAsync)
            .WithName("ConfirmAccess")
            .WithSummary("Confirm people's access for another period")
            .WithDescription("Each person in userIds is confirmed (a suspension ends at once) or listed under refused with the reason.")
            .Produces<ReviewOutcome>()
            .ProducesValidationProblem();

        reviews.MapPost("/remove", RemoveAsync)
            .WithName("RemoveAccess")
            .WithSummary("Remove people's access")
            .WithDescription("Takes every security profile from each person in userIds, or lists them under refused with the reason.")
            .Produces<ReviewOutcome>()
            .ProducesValidationProblem();
    }

    private static async Task<IResult> FindAsync(ApiCaller caller, PersonProfiles people, string id, CancellationToken cancellationToken) =>
        ApiResults.Found(await people.FindAsync(caller, id, cancellationToken), access => access.Version);

    private static async Task<IResult> SetAsync(ApiCaller caller, PersonProfiles people, HttpRequest request, string id, ProfileAssignment assignment, CancellationToken cancellationToken)
    {
        if (Versions.FromIfMatch(request) is not { } version)
        {
            return ApiResults.VersionRequired();
        }

        return assignment.ProfileIds is not { } ids
            ? ApiResults.Invalid("profileIds", "Send the list of profile ids the person is to hold (an empty list removes them all).")
            : ApiResults.From(await people.SetAsync(caller, id, version, ids, cancellationToken), access => access.Version);
    }

    private static async Task<IResult> ListAsync(
        ApiCaller caller, AccessReviews reviews, ReviewStatus? status, string? organizationId, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (Paging.Check(page, pageSize) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await reviews.ListAsync(caller, new ReviewQuery(organizationId, status, page ?? 1, pageSize ?? Paging.DefaultSize), cancellationToken));
    }

    private static async Task<IResult> ConfirmAsync(ApiCaller caller, AccessReviews reviews, PeopleSelection selection, CancellationToken cancellationToken) =>
        selection.Problem() is { } problem ? problem : TypedResults.Ok(await reviews.ConfirmAsync(caller, selection.UserIds!, cancellationToken));

    private static async Task<IResult> RemoveAsync(ApiCaller caller, AccessReviews reviews, PeopleSelection selection, CancellationToken cancellationToken) =>
        selection.Problem() is { } problem ? problem : TypedResults.Ok(await reviews.RemoveAsync(caller, selection.UserIds!, cancellationToken));
}

/// <summary>The people a bulk review action is for: 1 to 500 user ids.</summary>
public sealed record PeopleSelection(IReadOnlyList<string>? UserIds)
{
    public const int Max = 500;

    internal IResult? Problem() => UserIds switch
    {
        null or { Count: 0 } => ApiResults.Invalid("userIds", "Send the ids of the people to act on."),
        { Count: > Max } => ApiResults.Invalid("userIds", $"Act on at most {Max} people at once."),
        _ => null,
    };
}
