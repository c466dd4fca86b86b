using IdentityHub.Admin.Access;
using IdentityHub.Administration.Invitations;

namespace IdentityHub.Admin.Api;

/// <summary>
/// <c>/api/v1/invitations</c> (D5): invite a person by name and email; the link goes to them by email only.
/// Each administrator sees and changes only the invitations they created.
/// </summary>
internal static class InvitationsApi
{
    public static void MapInvitations(this RouteGroupBuilder api)
    {
        var invitations = api.MapGroup("/invitations").WithTags("Invitations");

        invitations.MapGet("/", ListAsync)
            .WithName("ListPendingInvitations")
            .WithSummary("List your pending invitations")
            .WithDescription("The invitations you created that are not accepted or cancelled, until 7 days (configurable) after their last send; linkExpired says the link no longer works and needs a resend.")
            .Produces<IReadOnlyList<InvitationView>>();

        invitations.MapPost("/", CreateAsync)
            .WithName("Invite")
            .WithSummary("Invite a person")
            .WithDescription("First name, last name, email and office; the person chooses their username when they accept. Platform administrators name the organization.")
            .Produces<Outcome<InvitationView>>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        invitations.MapPost("/{id}/resend", ResendAsync)
            .WithName("ResendInvitation")
            .WithSummary("Send an invitation again")
            .WithDescription("A new link, valid for a fresh 72 hours (configurable); the old link stops working.")
            .Produces<Outcome<InvitationView>>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        invitations.MapPost("/{id}/cancel", CancelAsync)
            .WithName("CancelInvitation")
            .WithSummary("Cancel an invitation")
            .WithDescription("Its link stops working and says to ask the administrator.")
            .Produces<Outcome<InvitationView>>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }

    private static async Task<IResult> ListAsync(ApiCaller caller, InvitationRegister register, CancellationToken cancellationToken) =>
        TypedResults.Ok(await register.ListPendingAsync(caller, cancellationToken));

    private static async Task<IResult> CreateAsync(ApiCaller caller, InvitationRegister register, InvitationInput input, CancellationToken cancellationToken) =>
        ApiResults.From(
            await register.CreateAsync(caller, input, cancellationToken),
            invitation => invitation.Version,
            invitation => $"/api/v1/invitations/{invitation.Id}");

    private static async Task<IResult> ResendAsync(ApiCaller caller, InvitationRegister register, HttpRequest request, string id, CancellationToken cancellationToken) =>
        Versions.FromIfMatch(request) is { } version
            ? ApiResults.From(await register.ResendAsync(caller, id, version, cancellationToken), invitation => invitation.Version)
            : ApiResults.VersionRequired();

    private static async Task<IResult> CancelAsync(ApiCaller caller, InvitationRegister register, HttpRequest request, string id, CancellationToken cancellationToken) =>
        Versions.FromIfMatch(request) is { } version
            ? ApiResults.From(await register.CancelAsync(caller, id, version, cancellationToken), invitation => invitation.Version)
            : ApiResults.VersionRequired();
}
