using IdentityHub.Admin.Access;
using IdentityHub.Administration;
using IdentityHub.Administration.Audit;

namespace IdentityHub.Admin.Api;

/// <summary><c>/api/v1/references/{reference}</c> (D8): the events behind a reference number a caller reads out.</summary>
internal static class ReferencesApi
{
    public static void MapReferences(this RouteGroupBuilder api) =>
        api.MapGet("/references/{reference}", async (ApiCaller caller, ReferenceLookup lookup, string reference, CancellationToken cancellationToken) =>
                await lookup.FindAsync(caller, reference, cancellationToken) switch
                {
                    AdminResult<IReadOnlyList<ReferencedEvent>>.Done done => TypedResults.Ok(done.Value),
                    var refused => ApiResults.From(refused),
                })
            .WithTags("References")
            .WithName("LookUpReference")
            .WithSummary("Look up a reference number")
            .WithDescription("The events behind a reference number a caller reads out (as printed, e.g. K7PD-2QXM, in any case, with or without the dash). The plan's staff see any; an organization's administrators see their own organization's.")
            .Produces<IReadOnlyList<ReferencedEvent>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
