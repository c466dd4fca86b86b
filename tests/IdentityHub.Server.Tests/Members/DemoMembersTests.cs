using IdentityHub.Core.Members;
using IdentityHub.Data;
using IdentityHub.Server.Members;
using IdentityHub.Server.Seeding;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Server.Tests.Members;

/// <summary>With the demo user on, three demo members are on the roster (README), written again at every start.</summary>
public sealed class DemoMembersTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Fact]
    public async Task The_demo_members_are_seeded_only_with_the_demo_user_and_prove_membership()
    {
        // The server without the demo user (the fixture) seeds none.
        Assert.Equal(0, await app.QueryAsync(db => db.RosterMembers.CountAsync(m => m.ImportBatch == DemoMembersSeeder.Batch)));

        await using var seeded = new IdentityHubApp().UseDatabase(app.ConnectionString).With("IdentityHub:SeedDemoUser", "true");
        _ = seeded.Services;
        using (var scope = seeded.Services.CreateScope())
        {
            // A second start: the same three rows.
            await scope.ServiceProvider.GetRequiredService<DemoMembersSeeder>().SeedAsync();
        }

        Assert.Equal(3, await seeded.QueryAsync(db => db.RosterMembers.CountAsync(m => m.ImportBatch == DemoMembersSeeder.Batch)));
        using var check = seeded.Services.CreateScope();
        var roster = new ImportedRoster(check.ServiceProvider.GetRequiredService<IdentityHubDbContext>(), seeded.Clock);
        var rivera = Assert.IsType<RosterAnswer.Matched>(await roster.CheckAsync(new MemberProof("m100200300", new DateOnly(1950, 4, 12), "rivera", "33101")));
        Assert.Equal(("M100200300", "rivera-maria", "Maria"), (rivera.MemberId, rivera.PatientId, rivera.GivenName));
        var obrien = Assert.IsType<RosterAnswer.Matched>(await roster.CheckAsync(new MemberProof("M100200302", new DateOnly(1948, 7, 30), "OBrien", "02116")));
        Assert.Null(obrien.PatientId);
        Assert.IsType<RosterAnswer.Matched>(await roster.CheckAsync(new MemberProof("M100200301", new DateOnly(1962, 11, 3), "Nguyen", "77002")));
    }
}
