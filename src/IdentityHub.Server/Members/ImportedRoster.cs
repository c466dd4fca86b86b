using IdentityHub.Core.Members;
using IdentityHub.Data;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Members;

/// <summary>
/// The roster the plan imported with <c>import-members</c>, in the database: a proof matches when a member with
/// its member id has the same birth date, last name and ZIP (in their normalized forms) and is still covered.
/// </summary>
public sealed class ImportedRoster(IdentityHubDbContext db, TimeProvider time) : IMemberRoster
{
    public string Kind => RosterKinds.Imported;

    public async Task<RosterAnswer> CheckAsync(MemberProof proof, CancellationToken cancellationToken = default)
    {
        var memberId = proof.NormalizedMemberId;
        var member = memberId.Length == 0
            ? null
            : await db.RosterMembers.AsNoTracking().FirstOrDefaultAsync(m => m.NormalizedMemberId == memberId, cancellationToken);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (member is null
            || member.DateOfBirth != proof.DateOfBirth
            || !string.Equals(member.NormalizedFamilyName, proof.NormalizedLastName, StringComparison.Ordinal)
            || !string.Equals(member.PostalCode, proof.NormalizedPostalCode, StringComparison.Ordinal)
            || member.CoverageEndsOn is { } ends && ends < today)
        {
            return new RosterAnswer.NotMatched();
        }

        return new RosterAnswer.Matched(member.NormalizedMemberId, member.PatientId, member.GivenName, member.FamilyName, member.Email);
    }
}
