using IdentityHub.Administration.Audit;
using IdentityHub.Core.Audit;
using IdentityHub.Data.Audit;
using Microsoft.Extensions.DependencyInjection;
using static IdentityHub.Core.Organizations.AdministrativeRole;

namespace IdentityHub.Administration.Tests.Audit;

/// <summary>Reading the audit trail (D9): filters, newest first, pages, and who reads which organization's events.</summary>
public sealed class AuditSearchTests(AdministrationDatabase database) : IClassFixture<AdministrationDatabase>
{
    [Fact]
    public async Task Each_filter_narrows_the_events_and_the_newest_come_first()
    {
        var organization = await database.OrganizationAsync("Cedar Falls Pediatrics");
        var platform = await database.PersonAsync(PlatformAdministrator);
        var now = database.Clock.GetUtcNow();
        var user = "user-" + Guid.NewGuid().ToString("N");
        var reference = AuditReferences.New();
        await AddAsync(
            Event(now.AddDays(-3), organization.Id, user, "signin.password", "succeeded"),
            Event(now.AddDays(-2), organization.Id, user, "signin.password", "failed", reference: reference),
            Event(now.AddDays(-1), organization.Id, user, "mfa.email", "succeeded", actorId: platform.UserId),
            Event(now.AddHours(-1), organization.Id, "someone-else", "signin.password", "succeeded"));

        var all = await ListAsync(platform, new AuditFilter(OrganizationId: organization.Id));
        Assert.Equal([now.AddHours(-1), now.AddDays(-1), now.AddDays(-2), now.AddDays(-3)], all.Items.Select(item => item.OccurredAt));
        Assert.Equal(1, (await ListAsync(platform, new AuditFilter(From: now.AddDays(-2), To: now.AddDays(-1), OrganizationId: organization.Id))).Total);
        Assert.Equal(3, (await ListAsync(platform, new AuditFilter(UserId: user))).Total);
        Assert.Equal(platform.UserId, Assert.Single((await ListAsync(platform, new AuditFilter(ActorId: platform.UserId))).Items).ActorId);
        Assert.Equal(2, (await ListAsync(platform, new AuditFilter(UserId: user, Event: "signin.password"))).Total);
        Assert.Equal(reference, Assert.Single((await ListAsync(platform, new AuditFilter(OrganizationId: organization.Id, Outcome: "failed"))).Items).Reference);
        Assert.Equal("failed", Assert.Single((await ListAsync(platform, new AuditFilter(Reference: reference))).Items).Outcome);

        var second = await ListAsync(platform, new AuditFilter(OrganizationId: organization.Id), page: 2, pageSize: 3);
        Assert.Equal((4, 2, 3), (second.Total, second.PageNumber, second.PageSize));
        Assert.Equal(now.AddDays(-3), Assert.Single(second.Items).OccurredAt);
    }

    [Fact]
    public async Task Organization_administrators_read_only_their_organizations_events_and_general_users_none()
    {
        var mine = await database.OrganizationAsync("Birch Lane Family Practice");
        var theirs = await database.OrganizationAsync("Oak Ridge Family Practice");
        var administrator = await database.PersonAsync(PrimaryAdministrator, mine.Id);
        var helpDesk = await database.PersonAsync(HelpDesk);
        var now = database.Clock.GetUtcNow();
        await AddAsync(Event(now, mine.Id, "u1", "person.unlocked", "succeeded"), Event(now, theirs.Id, "u2", "person.unlocked", "succeeded"), Event(now, null, "u3", "signin.password", "failed"));

        var own = await ListAsync(administrator, new AuditFilter());
        var other = await ListAsync(administrator, new AuditFilter(OrganizationId: theirs.Id));
        var streamed = await StreamAsync(administrator, new AuditFilter());

        Assert.Equal([mine.Id], own.Items.Select(item => item.OrganizationId).Distinct());
        Assert.Equal(0, other.Total);
        Assert.Equal([mine.Id], streamed.Select(item => item.OrganizationId).Distinct());
        Assert.Equal(1, (await ListAsync(helpDesk, new AuditFilter(OrganizationId: theirs.Id))).Total);
        Assert.True((await ListAsync(helpDesk, new AuditFilter())).Total >= 3);
        var general = new AdminCaller("someone", GeneralUser, mine.Id);
        await database.InScopeAsync(async services =>
        {
            var search = services.GetRequiredService<AuditSearch>();
            Assert.IsType<AdminResult<Page<AuditEventView>>.Forbidden>(await search.ListAsync(general, new AuditFilter()));
            Assert.IsType<AdminResult<IAsyncEnumerable<AuditEventView>>.Forbidden>(search.Stream(general, new AuditFilter()));
            return 0;
        });
    }

    [Theory]
    [InlineData("2026-03-01", null, "2026-03-01T00:00:00+00:00", null)]
    [InlineData(null, "2026-03-01", null, "2026-03-02T00:00:00+00:00")]
    [InlineData("2026-03-01T14:30", "2026-03-01T16:00:00Z", "2026-03-01T14:30:00+00:00", "2026-03-01T16:00:00+00:00")]
    [InlineData("2026-03-01T09:30:00-05:00", "2026-03-01T14:30:00.5Z", "2026-03-01T14:30:00+00:00", "2026-03-01T14:30:00.5+00:00")]
    public void Times_are_dates_or_dates_and_times_in_utc(string? from, string? to, string? expectedFrom, string? expectedTo)
    {
        var read = Assert.IsType<AdminResult<AuditFilter>.Done>(new AuditFilterInput(from, to).Read());

        Assert.Equal(expectedFrom is null ? null : DateTimeOffset.Parse(expectedFrom, System.Globalization.CultureInfo.InvariantCulture), read.Value.From);
        Assert.Equal(expectedTo is null ? null : DateTimeOffset.Parse(expectedTo, System.Globalization.CultureInfo.InvariantCulture), read.Value.To);
    }

    [Fact]
    public void A_filter_that_cannot_be_used_names_its_parameter()
    {
        var malformed = Assert.IsType<AdminResult<AuditFilter>.Invalid>(new AuditFilterInput(From: "yesterday", To: "03/01/2026", Reference: "4F7K").Read());
        var backwards = Assert.IsType<AdminResult<AuditFilter>.Invalid>(new AuditFilterInput(From: "2026-03-02", To: "2026-03-01").Read());
        var tooLong = Assert.IsType<AdminResult<AuditFilter>.Invalid>(new AuditFilterInput(Event: new string('x', 65)).Read());

        Assert.Equal(["from", "to", "reference"], malformed.Problems.Keys);
        Assert.Equal(["The start of the time range ('from') must be before its end ('to')."], backwards.Problems["from"]);
        Assert.Equal(["event"], tooLong.Problems.Keys);
        Assert.Equal("4F7K-9QXM", Assert.IsType<AdminResult<AuditFilter>.Done>(new AuditFilterInput(Reference: "4f7k 9qxm").Read()).Value.Reference);
    }

    private static AuditEvent Event(DateTimeOffset at, string? organizationId, string userId, string name, string outcome, string? reference = null, string? actorId = null) => new()
    {
        OccurredAt = at, OrganizationId = organizationId, UserId = userId, ActorId = actorId, Event = name, Outcome = outcome, Reference = reference ?? AuditReferences.New(),
    };

    private Task<int> AddAsync(params AuditEvent[] events) => database.QueryAsync(db =>
    {
        db.AuditEvents.AddRange(events);
        return db.SaveChangesAsync();
    });

    private Task<Page<AuditEventView>> ListAsync(AdminCaller caller, AuditFilter filter, int page = 1, int pageSize = 25) =>
        database.InScopeAsync(async services =>
            Assert.IsType<AdminResult<Page<AuditEventView>>.Done>(await services.GetRequiredService<AuditSearch>().ListAsync(caller, filter, page, pageSize)).Value);

    private Task<List<AuditEventView>> StreamAsync(AdminCaller caller, AuditFilter filter) =>
        database.InScopeAsync(async services =>
        {
            var events = Assert.IsType<AdminResult<IAsyncEnumerable<AuditEventView>>.Done>(services.GetRequiredService<AuditSearch>().Stream(caller, filter)).Value;
            var list = new List<AuditEventView>();
            await foreach (var item in events)
            {
                list.Add(item);
            }

            return list;
        });
}
