using IdentityHub.Core.Audit;
using IdentityHub.Data.Audit;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Commands;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Audit;

/// <summary>
/// The audit trail is tamper-evident (D9): records are sealed into a hash chain, and walking the chain finds
/// an edited or removed record at its place, on PostgreSQL, whoever edited it.
/// </summary>
public sealed class AuditChainTests : IAsyncLifetime
{
    // A server (and database) of its own for each test: the tests break the chain on purpose.
    private readonly IdentityHubApp _app = new IdentityHubApp().InEnvironment("Testing");

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task Sign_in_events_are_sealed_into_a_chain_that_verifies()
    {
        await SignInTwiceAsync("sealed");

        await SealAsync(_app);
        var result = await VerifyAsync(_app);

        var total = await _app.QueryAsync(db => db.AuditEvents.CountAsync());
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(total, result.Checked);
        Assert.Equal(0, result.Unsealed);
        var sequences = await _app.QueryAsync(db => db.AuditEvents.OrderBy(e => e.Sequence).Select(e => e.Sequence!.Value).ToListAsync());
        Assert.Equal(Enumerable.Range(1, total).Select(n => (long)n), sequences);
        var first = await _app.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.Sequence == 1));
        Assert.Equal(AuditChain.Genesis, first.PreviousHash);
        Assert.Equal(result.HeadHash, await _app.QueryAsync(db => db.AuditEvents.Where(e => e.Sequence == total).Select(e => e.Hash).SingleAsync()));
    }

    [Fact]
    public async Task A_record_edited_in_the_database_is_found_at_its_place()
    {
        await SignInTwiceAsync("edited");
        await SealAsync(_app);

        await _app.QueryAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEvents\" SET \"Outcome\" = 'failed-then-hidden' WHERE \"Sequence\" = 3"));
        var result = await VerifyAsync(_app);

        Assert.False(result.Intact);
        Assert.Equal(3, result.BrokenAt);
        Assert.Equal(2, result.Checked);
        Assert.Equal("its contents do not match its hash", result.Problem);
        Assert.Equal(await _app.QueryAsync(db => db.AuditEvents.Where(e => e.Sequence == 3).Select(e => e.Reference).SingleAsync()), result.BrokenReference);
    }

    [Fact]
    public async Task A_removed_record_and_a_rewritten_hash_are_found()
    {
        await SignInTwiceAsync("removed");
        await SealAsync(_app);

        await _app.QueryAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEvents\" WHERE \"Sequence\" = 2"));
        var removed = await VerifyAsync(_app);
        Assert.Equal(3, removed.BrokenAt);
        Assert.Equal("records 2 to 2 are missing", removed.Problem);

        // Whoever rewrites a record's hash to match its new contents breaks the next link instead.
        var third = await _app.QueryAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Sequence == 3));
        var forged = AuditChain.Hash(third.Chained() with { Outcome = "forged" }, 3, third.PreviousHash!);
        await _app.QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"AuditEvents\" SET \"Outcome\" = 'forged', \"Hash\" = {forged}, \"Sequence\" = 2 WHERE \"Sequence\" = 3"));
        var rewritten = await VerifyAsync(_app);
        Assert.Equal(2, rewritten.BrokenAt);
    }

    [Fact]
    public async Task Two_nodes_sealing_at_the_same_moment_make_one_chain()
    {
        var database = await PostgresCluster.Shared.CreateDatabaseAsync("audit-nodes");
        await using var first = new IdentityHubApp().UseDatabase(database);
        await using var second = new IdentityHubApp().UseDatabase(database);
        await first.InitializeAsync();
        await second.InitializeAsync();
        foreach (var n in Enumerable.Range(0, 5))
        {
            await (n % 2 == 0 ? first : second).NewBrowser().SignInAsync((await (n % 2 == 0 ? first : second).CreateUserAsync(NewName("nodes"))).UserName!);
        }

        await Task.WhenAll(Enumerable.Range(0, 6).Select(n => SealAsync(n % 2 == 0 ? first : second)));

        var result = await VerifyAsync(second);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(await first.QueryAsync(db => db.AuditEvents.CountAsync()), result.Checked);
    }

    [Fact]
    public async Task The_verify_audit_command_reports_the_first_broken_link_with_exit_code_1()
    {
        await SignInTwiceAsync("command");
        var intact = new StringWriter();
        Assert.Equal(0, await VerifyAuditCommand.RunAsync(_app.Services, intact));
        Assert.StartsWith("The audit chain is intact: ", intact.ToString(), StringComparison.Ordinal);

        await _app.QueryAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEvents\" SET \"Detail\" = 'nothing happened' WHERE \"Sequence\" = 1"));
        var broken = new StringWriter();
        Assert.Equal(1, await VerifyAuditCommand.RunAsync(_app.Services, broken));
        Assert.StartsWith("The audit chain is broken at record 1 (reference ", broken.ToString(), StringComparison.Ordinal);
    }

    private async Task SignInTwiceAsync(string prefix)
    {
        var user = await _app.CreateUserAsync(NewName(prefix));
        await _app.NewBrowser().SignInAsync(user.UserName!);
        await _app.NewBrowser().SignInAsync(user.UserName!);
        Assert.True(await _app.QueryAsync(db => db.AuditEvents.CountAsync()) >= 4);
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
