using IdentityHub.Data;
using IdentityHub.Data.Audit;
using IdentityHub.Data.Organizations;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Audit;

/// <summary>
/// The token paths' events are written in batches off the request (decision 0032): nothing is dropped when the
/// queue is full or the database refuses a batch, and stopping writes what is queued. Sealing gives the
/// events about an organization's people their organization (D9).
/// </summary>
public sealed class QueuedAuditWriterTests : IAsyncLifetime
{
    // A server of its own: one test makes the database refuse audit records for a while.
    private readonly IdentityHubApp _app = new IdentityHubApp().InEnvironment("Testing");

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task A_batch_the_database_refuses_is_written_once_it_accepts_it_again()
    {
        var service = TokenClient.For(_app, TestClients.Integration, TestClients.IntegrationSecret);
        await _app.QueryAsync(db => db.Database.ExecuteSqlRawAsync(
            "ALTER TABLE \"AuditEvents\" ADD CONSTRAINT refuse_tokens CHECK (\"Event\" <> 'token.issued') NOT VALID"));

        (await service.ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess();
        var flushed = _app.Services.GetRequiredService<QueuedAuditWriter>().FlushAsync();
        await UntilAsync(() => _app.Logs.All.Any(log => log.Message.StartsWith("Writing 1 queued audit event(s) failed (try 1)", StringComparison.Ordinal)));
        Assert.False(flushed.IsCompleted);
        await _app.QueryAsync(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditEvents\" DROP CONSTRAINT refuse_tokens"));

        await flushed.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await _app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Event == "token.issued" && e.ClientId == TestClients.Integration)));
    }

    [Fact]
    public async Task A_full_queue_makes_the_request_wait_and_stopping_writes_what_is_queued()
    {
        using var writer = new QueuedAuditWriter(_app.Services.GetRequiredService<IServiceScopeFactory>(), NullLogger<QueuedAuditWriter>.Instance, capacity: 2);
        var tag = NewName("queued");

        await writer.EnqueueAsync(Event(tag));
        await writer.EnqueueAsync(Event(tag));
        var third = writer.EnqueueAsync(Event(tag)).AsTask();
        Assert.False(third.IsCompleted);

        await writer.StartAsync(CancellationToken.None);
        await third.WaitAsync(TimeSpan.FromSeconds(30));
        await writer.EnqueueAsync(Event(tag));
        await writer.StopAsync(CancellationToken.None);

        Assert.Equal(4, await _app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Detail == tag)));

        // A request that queues once the writer has stopped writes its event itself.
        await writer.EnqueueAsync(Event(tag));
        Assert.Equal(5, await _app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Detail == tag)));
    }

    [Fact]
    public async Task The_events_about_an_organizations_member_are_sealed_with_the_organization()
    {
        var user = await MemberAsync(_app, NewName("member"));
        var client = TokenClient.For(_app);
        (await client.RedeemAsync(await _app.NewBrowser().CodeFlowAsync(user, new AuthorizationRequest()))).EnsureSuccess();
        var loner = await _app.CreateUserAsync(NewName("loner"));
        await _app.NewBrowser().SignInAsync(loner.UserName!);

        await _app.Services.GetRequiredService<QueuedAuditWriter>().FlushAsync();
        await SealAsync(_app);

        var (organization, userId) = await _app.QueryAsync(async db =>
        {
            var person = await db.Users.SingleAsync(u => u.UserName == user);
            return (person.OrganizationId, person.Id);
        });
        var events = await _app.QueryAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.UserId == userId).ToListAsync());
        Assert.Contains(events, e => e.Event == "sign_in");
        Assert.Contains(events, e => e.Event == "token.issued");
        Assert.All(events, e => Assert.Equal(organization, e.OrganizationId));
        Assert.All(events, e => Assert.NotNull(e.Sequence));
        Assert.DoesNotContain(await _app.QueryAsync(db => db.AuditEvents.Where(e => e.UserId == loner.Id).Select(e => e.OrganizationId).ToListAsync()), o => o is not null);
        Assert.True((await VerifyAsync(_app)).Intact);
    }

    [Fact]
    public async Task The_organization_is_sealed_in_on_the_embedded_SQLite_database_too()
    {
        using var database = new SqliteFile("audit-organization");
        await using var app = database.NewApp();
        await app.InitializeAsync();
        var user = await MemberAsync(app, NewName("sqlite"));
        await app.NewBrowser().SignInAsync(user);

        await SealAsync(app);

        var userId = await app.QueryAsync(db => db.Users.Where(u => u.UserName == user).Select(u => u.Id).SingleAsync());
        var events = await app.QueryAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.UserId == userId).ToListAsync());
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.NotNull(e.OrganizationId));
        Assert.True((await VerifyAsync(app)).Intact);
    }

    private static AuditEvent Event(string detail) => new()
    {
        OccurredAt = DateTimeOffset.UtcNow,
        Event = "test.queued",
        Outcome = "succeeded",
        Reference = AuditLog.NewReference(),
        Detail = detail,
    };

    /// <summary>A user of a new organization; returns the user name.</summary>
    private static async Task<string> MemberAsync(IdentityHubApp app, string userName)
    {
        var user = await app.CreateUserAsync(userName);
        await app.QueryAsync(async db =>
        {
            var organization = new Organization
            {
                Name = "Lakeside Clinic " + userName,
                TaxId = Random.Shared.Next(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Address = new PostalAddress { Line1 = "1 Main Street", City = "Albany", State = "NY", PostalCode = "12207" },
                CreatedAt = app.Clock.GetUtcNow(),
            };
            db.Organizations.Add(organization);
            await db.SaveChangesAsync();
            return await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.OrganizationId, organization.Id));
        });
        return userName;
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        // Waits for the background writer's first failure, not for a time rule: it comes within a second.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, limit.Token);
        }
    }

    private static async Task SealAsync(IdentityHubApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditSealer>().SealAsync();
    }

    private static async Task<AuditVerification> VerifyAsync(IdentityHubApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
    }
}
