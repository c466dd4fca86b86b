using IdentityHub.Core.Members;

namespace IdentityHub.Server.Members;

/// <summary>
/// The plan's roster, asked whether a proof names a covered member (A15). Pluggable like the delivery channels:
/// the imported file in the database (<see cref="RosterKinds.Imported"/>) or the plan's eligibility system behind
/// a signed webhook (<see cref="RosterKinds.Webhook"/>), chosen by <c>IdentityHub:Members:Roster:Kind</c>.
/// Every kind of mismatch (no such member, wrong birth date, name or ZIP, coverage ended) is one answer,
/// <see cref="RosterAnswer.NotMatched"/>, so nobody can learn which field was wrong.
/// </summary>
public interface IMemberRoster
{
    /// <summary>Which roster this is, recorded with the link (<see cref="RosterKinds"/>).</summary>
    string Kind { get; }

    Task<RosterAnswer> CheckAsync(MemberProof proof, CancellationToken cancellationToken = default);
}

public static class RosterKinds
{
    public const string Imported = "Imported";
    public const string Webhook = "Webhook";
}

/// <summary>What the roster said about a proof.</summary>
public abstract record RosterAnswer
{
    private RosterAnswer()
    {
    }

    /// <summary>A covered member: their normalized member id, and what the roster knows of them.</summary>
    public sealed record Matched(string MemberId, string? PatientId, string? GivenName, string? FamilyName, string? Email) : RosterAnswer;

    /// <summary>No covered member matches every field: one answer for every kind of mismatch.</summary>
    public sealed record NotMatched : RosterAnswer;

    /// <summary>The roster could not be asked (the eligibility system is down or answered badly): try again later.</summary>
    public sealed record Unavailable(string Reason) : RosterAnswer;
}
