using IdentityHub.Core.Members;
using IdentityHub.Data;
using IdentityHub.Data.Members;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Seeding;

/// <summary>
/// Three demo members on the imported roster (with the demo user, Development only), so that <c>dotnet run</c> can
/// show a member creating their own account (README, "Try it"). Written at every start with the same values.
/// </summary>
internal sealed class DemoMembersSeeder(IdentityHubDbContext db, TimeProvider time)
{
    public const string Batch = "demo-seed";

    public static IReadOnlyList<RosterMember> Members { get; } =
    [
        Member("M100200300", new DateOnly(1950, 4, 12), "Maria", "Rivera", "33101", "rivera-maria"),
        Member("M100200301", new DateOnly(1962, 11, 3), "Thanh", "Nguyen", "77002", "nguyen-thanh"),
        Member("M100200302", new DateOnly(1948, 7, 30), "Patrick", "O'Brien", "02116", null),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var keys = Members.Select(member => member.NormalizedMemberId).ToList();
        var stored = await db.RosterMembers.Where(member => keys.Contains(member.NormalizedMemberId))
            .ToDictionaryAsync(member => member.NormalizedMemberId, StringComparer.Ordinal, cancellationToken);
        foreach (var demo in Members)
        {
            if (!stored.TryGetValue(demo.NormalizedMemberId, out var member))
            {
                member = Member(demo.MemberId, demo.DateOfBirth, demo.GivenName!, demo.FamilyName, demo.PostalCode, demo.PatientId);
                db.RosterMembers.Add(member);
            }

            member.DateOfBirth = demo.DateOfBirth;
            member.GivenName = demo.GivenName;
            member.FamilyName = demo.FamilyName;
            member.NormalizedFamilyName = demo.NormalizedFamilyName;
            member.PostalCode = demo.PostalCode;
            member.PatientId = demo.PatientId;
            member.CoverageEndsOn = null;
            member.ImportBatch = Batch;
            member.ImportedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static RosterMember Member(string id, DateOnly born, string first, string last, string zip, string? patient) => new()
    {
        MemberId = id,
        NormalizedMemberId = MemberFields.NormalizeMemberId(id),
        DateOfBirth = born,
        GivenName = first,
        FamilyName = last,
        NormalizedFamilyName = MemberFields.NormalizeName(last),
        PostalCode = zip,
        PatientId = patient,
    };
}
