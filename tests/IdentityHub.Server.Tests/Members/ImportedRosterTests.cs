using IdentityHub.Core.Members;
using IdentityHub.Data;
using IdentityHub.Data.Members;
using IdentityHub.Server.Members;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IdentityHub.Server.Tests.Members;

/// <summary>
/// The imported roster (A15): a proof matches in the normalized forms, and every kind of mismatch is the same
/// answer, NotMatched, so nobody learns which field was wrong.
/// </summary>
public sealed class ImportedRosterTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    private static readonly DateOnly Born = new(1971, 5, 9);

    [Fact]
    public async Task Messy_input_matches_the_member_in_normalized_forms()
    {
        var id = await AddMemberAsync(coverageEnds: null);

        var answer = await CheckAsync(new MemberProof($"  {id[..2].ToLowerInvariant()}-{id[2..5]} {id[5..]} ", Born, "Núñez", "94110-1234"));

        var matched = Assert.IsType<RosterAnswer.Matched>(answer);
        Assert.Equal((id, "nunez-ana", "Ana", "Núñez", "ana@example.org"), (matched.MemberId, matched.PatientId, matched.GivenName, matched.FamilyName, matched.Email));
    }

    [Theory]
    [InlineData("unknown member id")]
    [InlineData("other birth date")]
    [InlineData("other last name")]
    [InlineData("other ZIP")]
    [InlineData("empty member id")]
    public async Task Each_mismatch_is_the_same_answer(string mismatch)
    {
        var id = await AddMemberAsync(coverageEnds: null);
        var proof = mismatch switch
        {
            "unknown member id" => new MemberProof(id + "9", Born, "Nunez", "94110"),
            "other birth date" => new MemberProof(id, Born.AddDays(1), "Nunez", "94110"),
            "other last name" => new MemberProof(id, Born, "Nunes", "94110"),
            "other ZIP" => new MemberProof(id, Born, "Nunez", "94111"),
            _ => new MemberProof(" - ", Born, "Nunez", "94110"),
        };

        Assert.IsType<RosterAnswer.NotMatched>(await CheckAsync(proof));
        // The same proof with the right field matches: the mismatch alone made the difference.
        Assert.IsType<RosterAnswer.Matched>(await CheckAsync(new MemberProof(id, Born, "Nunez", "94110")));
    }

    [Fact]
    public async Task Coverage_that_ended_yesterday_does_not_match_and_coverage_ending_today_does()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 3, 15, 18, 0, 0, TimeSpan.Zero));
        var ended = await AddMemberAsync(coverageEnds: new DateOnly(2027, 3, 14));
        var endingToday = await AddMemberAsync(coverageEnds: new DateOnly(2027, 3, 15));

        Assert.IsType<RosterAnswer.NotMatched>(await CheckAsync(new MemberProof(ended, Born, "Nunez", "94110"), clock));
        Assert.IsType<RosterAnswer.Matched>(await CheckAsync(new MemberProof(endingToday, Born, "Nunez", "94110"), clock));
    }

    private async Task<string> AddMemberAsync(DateOnly? coverageEnds)
    {
        var id = "NZ" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>();
        db.RosterMembers.Add(new RosterMember
        {
            MemberId = id,
            NormalizedMemberId = id,
            DateOfBirth = Born,
            GivenName = "Ana",
            FamilyName = "Núñez",
            NormalizedFamilyName = "NUNEZ",
            PostalCode = "94110",
            PatientId = "nunez-ana",
            Email = "ana@example.org",
            CoverageEndsOn = coverageEnds,
        });
        await db.SaveChangesAsync();
        return id;
    }

    private async Task<RosterAnswer> CheckAsync(MemberProof proof, TimeProvider? clock = null)
    {
        using var scope = app.Services.CreateScope();
        var roster = new ImportedRoster(scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>(), clock ?? app.Clock);
        return await roster.CheckAsync(proof);
    }
}
