using IdentityHub.Core.Members;
using IdentityHub.Server.Account;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Throttling;
using Microsoft.AspNetCore.Identity;

namespace IdentityHub.Server.Members.Registration;

/// <summary>
/// The first step of a member's registration (A15): the details from the member card checked against the roster,
/// within the limits per network address and per member id. Every mismatch reads the same and takes the same time
/// (<see cref="SteadyResponseTime"/>); a roster that cannot answer is not counted as a try. A member who already has
/// an account is not told its username or email on the page; that email gets a notice instead.
/// </summary>
/// <remarks>
/// Audit: refused, limited and unchecked proofs are recorded without any of the typed values (they may be another
/// member's); an accepted proof, and a proof of a member who already has an account, record the normalized member
/// id, which the member-account link keeps anyway (decision 0041).
/// </remarks>
public sealed class MemberProofs(
    IMemberRoster roster,
    MemberLinks links,
    PageLimits limits,
    AuditLog audit,
    ExistingAccountNotice notice,
    UserManager<Data.Users.IdentityHubUser> users,
    SteadyResponseTime steady,
    TimeProvider time)
{
    public async Task<ProofOutcome> CheckAsync(HttpContext http, MemberProof proof, string? returnUrl, string? clientId)
    {
        var cancellationToken = http.RequestAborted;
        var memberId = proof.NormalizedMemberId;
        if (await limits.MemberProofAsync(http, memberId) is { Allowed: false } limit)
        {
            await audit.RecordAsync("member.proof_limited", "refused", userId: null, clientId, cancellationToken: cancellationToken);
            return new ProofOutcome.Limited(limit.RetryAfter);
        }

        var started = SteadyResponseTime.Start();
        var outcome = await AskAsync(http, proof, returnUrl, clientId, cancellationToken);
        await steady.PadAsync(started, cancellationToken);
        return outcome;
    }

    private async Task<ProofOutcome> AskAsync(HttpContext http, MemberProof proof, string? returnUrl, string? clientId, CancellationToken cancellationToken)
    {
        switch (await roster.CheckAsync(proof, cancellationToken))
        {
            case RosterAnswer.Unavailable unavailable:
                // Not the person's fault, and not a guess: the try is given back.
                await limits.MemberProofAsync(http, proof.NormalizedMemberId, increment: -1);
                return new ProofOutcome.Unavailable(await audit.RecordAsync("member.proof_unchecked", "roster_unavailable", userId: null, clientId,
                    $"{roster.Kind}: {unavailable.Reason}", cancellationToken: cancellationToken));
            case RosterAnswer.Matched matched:
                return await MatchedAsync(matched, returnUrl, clientId, cancellationToken);
            default:
                return new ProofOutcome.NotMatched(await audit.RecordAsync("member.proof_refused", "not_matched", userId: null, clientId, roster.Kind, cancellationToken: cancellationToken));
        }
    }

    private async Task<ProofOutcome> MatchedAsync(RosterAnswer.Matched matched, string? returnUrl, string? clientId, CancellationToken cancellationToken)
    {
        if (await links.AccountOfAsync(matched.MemberId, cancellationToken) is { } userId)
        {
            var reference = AuditLog.NewReference();
            var sent = await users.FindByIdAsync(userId) is { } existing
                ? await notice.SendAsync(existing, reference, cancellationToken)
                : "account not found";
            await audit.RecordAsync("member.registration_refused", "already_registered", userId, clientId, $"member {matched.MemberId}; {sent}", reference, cancellationToken);
            return new ProofOutcome.AlreadyRegistered(reference);
        }

        var id = RegistrationState.NewId();
        var accepted = await audit.RecordAsync("member.proof_accepted", "matched", userId: null, clientId, $"member {matched.MemberId} by {roster.Kind}", cancellationToken: cancellationToken);
        return new ProofOutcome.Proved(new RegistrationState
        {
            Id = id,
            Reference = accepted,
            MemberId = matched.MemberId,
            PatientId = matched.PatientId,
            GivenName = matched.GivenName,
            FamilyName = matched.FamilyName,
            ProvedBy = roster.Kind,
            ProvedAt = time.GetUtcNow().ToUnixTimeSeconds(),
            ClientId = clientId,
            ReturnUrl = returnUrl,
        });
    }
}
