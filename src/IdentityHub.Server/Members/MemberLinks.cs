using IdentityHub.Data;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Members;

/// <summary>The member an account belongs to, if any: its member id and FHIR Patient id (A15, P13).</summary>
public sealed record MemberLink(string MemberId, string? PatientId);

/// <summary>Reads the link between accounts and plan members (written when a member registers).</summary>
public sealed class MemberLinks(IdentityHubDbContext db)
{
    public async Task<MemberLink?> ForUserAsync(string userId, CancellationToken cancellationToken = default) =>
        await db.MemberAccounts.AsNoTracking()
            .Where(link => link.UserId == userId)
            .Select(link => new MemberLink(link.MemberId, link.PatientId))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The account of a member (by normalized member id), or null when the member has none.</summary>
    public async Task<string?> AccountOfAsync(string normalizedMemberId, CancellationToken cancellationToken = default) =>
        await db.MemberAccounts.AsNoTracking()
            .Where(link => link.MemberId == normalizedMemberId)
            .Select(link => link.UserId)
            .FirstOrDefaultAsync(cancellationToken);
}
