using IdentityHub.Administration.Governance;
using IdentityHub.Data.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IdentityHub.Administration.Tests.Governance.GovernanceWorld;

namespace IdentityHub.Administration.Tests.Governance;

/// <summary>
/// Re-certification (D7) with a fake clock: reminders to the organization's administrators 14 and 3 days before
/// the deadline, once each; suspension at the deadline (sessions end), once even when two nodes run the job at
/// the same moment; confirmation by another administrator restores access at once; the lists by organization.
/// </summary>
public sealed class RecertificationTests(AdministrationDatabase database) : IClassFixture<AdministrationDatabase>
{
    [Fact]
    public async Task The_administrators_are_reminded_14_and_3_days_before_the_deadline_once_each()
    {
        var world = await CreateAsync(database);
        var person = await world.PersonAsync(database);
        await GiveAsync(world, person.UserId);
        var primaryEmail = (await UserAsync(database, world.Primary.UserId)).Email!;
        var backupEmail = (await UserAsync(database, world.Backup.UserId)).Email!;

        database.Clock.Advance(TimeSpan.FromDays(75));
        await RunAsync();
        Assert.Empty(database.Sent.To(primaryEmail));

        database.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await RunAsync();
        await RunAsync();
        var first = Assert.Single(database.Sent.To(primaryEmail));
        Assert.Single(database.Sent.To(backupEmail));
        Assert.Contains((await UserAsync(database, person.UserId)).UserName!, first.Body);
        Assert.Contains("Access reviews", first.Body);
        Assert.StartsWith("Access to confirm by", first.Subject);

        database.Clock.Advance(TimeSpan.FromDays(11));
        await RunAsync();
        await RunAsync();
        Assert.Equal(2, database.Sent.To(primaryEmail).Count);
        Assert.Equal(2, await database.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Event == "access.reminder_sent" && e.UserId == person.UserId)));
    }

    [Fact]
    public async Task Access_not_confirmed_by_the_deadline_is_suspended_once_its_sessions_end_and_a_confirmation_restores_it()
    {
        var world = await CreateAsync(database);
        var person = await world.PersonAsync(database);
        await GiveAsync(world, person.UserId);
        var session = await OpenSessionAsync(person.UserId);

        database.Clock.Advance(TimeSpan.FromDays(90) + TimeSpan.FromSeconds(1));
        await RunAsync();
        await RunAsync();

        var review = await database.QueryAsync(db => db.AccessReviews.AsNoTracking().SingleAsync(r => r.UserId == person.UserId));
        Assert.Equal(database.Clock.GetUtcNow(), review.SuspendedAt);
        Assert.Equal(1, await database.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Event == "access.suspended" && e.UserId == person.UserId && e.OrganizationId == world.OrganizationId)));
        Assert.Equal(RecertificationRun.SuspendedReason, await database.QueryAsync(db => db.Sessions.Where(s => s.Id == session).Select(s => s.EndReason).SingleAsync()));
        var listed = await Reviews(r => r.ListAsync(world.Primary, new ReviewQuery(Status: ReviewStatus.Suspended)));
        Assert.Contains(listed.Items, item => item.UserId == person.UserId);

        var outcome = await Reviews(r => r.ConfirmAsync(world.Backup, [person.UserId]));
        Assert.Equal([person.UserId], outcome.Done);
        review = await database.QueryAsync(db => db.AccessReviews.AsNoTracking().SingleAsync(r => r.UserId == person.UserId));
        Assert.Null(review.SuspendedAt);
        Assert.Equal(database.Clock.GetUtcNow().AddDays(90), review.DueAt);
        Assert.Equal(world.Backup.UserId, review.ConfirmedBy);
        Assert.Equal(1, await database.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Event == "access.restored" && e.UserId == person.UserId && e.ActorId == world.Backup.UserId)));
    }

    [Fact]
    public async Task Two_nodes_running_the_job_at_the_same_moment_suspend_each_person_once()
    {
        var world = await CreateAsync(database);
        var people = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var person = await world.PersonAsync(database);
            await GiveAsync(world, person.UserId);
            people.Add(person.UserId);
        }

        database.Clock.Advance(TimeSpan.FromDays(91));
        using var start = new ManualResetEventSlim();
        var nodes = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await RunAsync();
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(nodes);

        foreach (var person in people)
        {
            Assert.Equal(1, await database.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Event == "access.suspended" && e.UserId == person)));
        }

        Assert.True(results.Sum(r => r.Suspended) >= people.Count, "Between them, the two nodes suspended everyone due.");
    }

    [Fact]
    public async Task Nobody_confirms_their_own_access_and_administrators_see_only_their_organization()
    {
        var world = await CreateAsync(database);
        var other = await CreateAsync(database);
        var stranger = await other.PersonAsync(database);
        await GiveAsync(other, stranger.UserId);
        Done(await database.InScopeAsync(s => s.GetRequiredService<PersonProfiles>().SetAsync(world.Backup, world.Primary.UserId, PersonAccessView.NothingHeld, [world.Claims.Id])));

        var own = await Reviews(r => r.ConfirmAsync(world.Primary, [world.Primary.UserId, stranger.UserId]));
        Assert.Empty(own.Done);
        Assert.StartsWith("You cannot change or confirm your own access", own.Refused[world.Primary.UserId]);
        Assert.StartsWith("Nobody you may review has this id", own.Refused[stranger.UserId]);
        Assert.Equal([world.Primary.UserId], (await Reviews(r => r.ConfirmAsync(world.Backup, [world.Primary.UserId]))).Done);

        var listed = await Reviews(r => r.ListAsync(world.Primary, new ReviewQuery(OrganizationId: other.OrganizationId)));
        Assert.All(listed.Items, item => Assert.Equal(world.OrganizationId, item.OrganizationId));
        Assert.DoesNotContain(listed.Items, item => item.UserId == stranger.UserId);
        var platform = await Reviews(r => r.ListAsync(world.Platform, new ReviewQuery(OrganizationId: other.OrganizationId)));
        Assert.Contains(platform.Items, item => item.UserId == stranger.UserId && item.Profiles.Single() == $"{other.Portal}: Claims");
    }

    [Fact]
    public async Task Removing_access_at_review_takes_every_profile_and_is_audited()
    {
        var world = await CreateAsync(database);
        var person = await world.PersonAsync(database);
        Done(await database.InScopeAsync(s => s.GetRequiredService<PersonProfiles>().SetAsync(world.Primary, person.UserId, PersonAccessView.NothingHeld, [world.Claims.Id, world.Eligibility.Id])));

        var outcome = await Reviews(r => r.RemoveAsync(world.Primary, [person.UserId]));

        Assert.Equal([person.UserId], outcome.Done);
        Assert.False(await database.QueryAsync(db => db.UserProfiles.AnyAsync(a => a.UserId == person.UserId)));
        Assert.False(await database.QueryAsync(db => db.AccessReviews.AnyAsync(r => r.UserId == person.UserId)));
        var audited = await database.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.Event == "access.removed" && e.UserId == person.UserId));
        Assert.Contains($"{world.Portal}: claims", audited.Detail);
        Assert.Equal(world.Primary.UserId, audited.ActorId);
    }

    private Task<PersonAccessView> GiveAsync(GovernanceWorld world, string userId) =>
        database.InScopeAsync(async s => Done(await s.GetRequiredService<PersonProfiles>().SetAsync(world.Primary, userId, PersonAccessView.NothingHeld, [world.Claims.Id])));

    private Task<string> OpenSessionAsync(string userId) => database.QueryAsync(async db =>
    {
        var now = database.Clock.GetUtcNow();
        var session = new ServerSession
        {
            Id = Guid.NewGuid().ToString("N"),
            UserId = userId,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now.AddYears(1),
            AuthenticatedAt = now,
            Methods = "pwd otp",
            Acr = "aal2",
            Device = "Chrome on Windows",
        };
        db.Sessions.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    });

    private Task<RecertificationResult> RunAsync() => database.InScopeAsync(s => s.GetRequiredService<RecertificationRun>().RunAsync());

    private Task<T> Reviews<T>(Func<AccessReviews, Task<T>> act) => database.InScopeAsync(s => act(s.GetRequiredService<AccessReviews>()));
}
