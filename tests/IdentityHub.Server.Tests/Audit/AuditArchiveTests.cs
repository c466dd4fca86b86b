using IdentityHub.Core.Audit;
using IdentityHub.Data.Audit;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Commands;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Server.Tests.Audit;

/// <summary>
/// Retention (D9, decision 0031): sealed records past the retention (six years unless configured) move to
/// archive files and leave the table; the chain still verifies from the newest archive's head, and an archive
/// file verifies on its own, so tampering with it, or with the link after it, is caught.
/// </summary>
public sealed class AuditArchiveTests : IAsyncLifetime
{
    private static readonly TimeSpan SixYears = TimeSpan.FromDays(2190);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "identityhub-audit-archive-" + Guid.NewGuid().ToString("N"));
    private readonly IdentityHubApp _app;

    public AuditArchiveTests() =>
        // The daily job's run at start would race the tests' own runs: they archive when they say.
        _app = new IdentityHubApp().With("IdentityHub:Audit:ArchiveFolder", _folder).With("IdentityHub:Audit:ArchiveDaily", "false");

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Records_past_the_retention_are_archived_oldest_first_and_the_chain_still_verifies()
    {
        var now = _app.Clock.GetUtcNow();
        await AddSealedAsync(
            now - SixYears - TimeSpan.FromDays(30), now - SixYears - TimeSpan.FromDays(20), now - SixYears - TimeSpan.FromDays(10),
            now - SixYears + TimeSpan.FromHours(1), // kept: an hour short of six years
            now - TimeSpan.FromDays(1), now);

        var first = await ArchiveAsync();
        var again = await ArchiveAsync();

        var archive = Assert.Single(first.Archives);
        Assert.Equal((1L, 3L, 3L, AuditChain.Genesis, "audit-1-3.jsonl"), (archive.FirstSequence, archive.LastSequence, archive.Count, archive.StartHash, archive.FileName));
        var file = Path.Combine(_folder, archive.FileName);
        Assert.Equal(3, File.ReadAllLines(file).Length);
        Assert.Equal(await AuditArchiveCheck.FileHashAsync(file), archive.FileHash);
        Assert.Equal([4L, 5L, 6L], await SequencesAsync());
        Assert.Equal(archive.HeadHash, await _app.QueryAsync(db => db.AuditEvents.Where(e => e.Sequence == 4).Select(e => e.PreviousHash).SingleAsync()));
        Assert.Empty(again.Archives);
        Assert.Equal(1, await _app.QueryAsync(db => db.AuditArchives.CountAsync()));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));

        var verified = await VerifyAsync();
        Assert.True(verified.Intact, verified.Problem);
        Assert.Equal((3L, 3L, 6L), (verified.Checked, verified.ArchivedThrough!.Value, verified.HeadSequence));

        // Two hours on, the fourth record is past the retention too; the newest always stays (sealing continues from it).
        _app.Clock.Advance(TimeSpan.FromHours(2));
        var later = Assert.Single((await ArchiveAsync()).Archives);
        Assert.Equal((4L, 4L, archive.HeadHash), (later.FirstSequence, later.LastSequence, later.StartHash));
        var afterSecond = await VerifyAsync();
        Assert.True(afterSecond.Intact, afterSecond.Problem);
        Assert.Equal((2L, 4L), (afterSecond.Checked, afterSecond.ArchivedThrough!.Value));
    }

    [Fact]
    public async Task An_archive_file_verifies_on_its_own_and_an_edited_or_shortened_one_is_caught()
    {
        var now = _app.Clock.GetUtcNow();
        await AddSealedAsync(now - SixYears - TimeSpan.FromDays(3), now - SixYears - TimeSpan.FromDays(2), now - SixYears - TimeSpan.FromDays(1), now);
        var archive = Assert.Single((await ArchiveAsync()).Archives);
        var file = Path.Combine(_folder, archive.FileName);

        var intact = new StringWriter();
        Assert.Equal(0, await VerifyAuditCommand.RunAsync(_app.Services, ["--archive", file], intact));
        Assert.StartsWith("The archive audit-1-3.jsonl is intact: records 1 to 3 (3)", intact.ToString(), StringComparison.Ordinal);

        var lines = await File.ReadAllLinesAsync(file);
        await File.WriteAllLinesAsync(file, [lines[0], lines[1].Replace("\"outcome\":\"succeeded\"", "\"outcome\":\"failed\"", StringComparison.Ordinal), lines[2]]);
        var edited = new StringWriter();
        Assert.Equal(1, await VerifyAuditCommand.RunAsync(_app.Services, ["--archive", file], edited));
        Assert.Contains("record 2 (line 2", edited.ToString(), StringComparison.Ordinal);
        Assert.Contains("its contents do not match its hash", edited.ToString(), StringComparison.Ordinal);

        // Without its last record the file's own chain still holds: the archive's row catches it.
        await File.WriteAllLinesAsync(file, lines[..2]);
        var shortened = new StringWriter();
        Assert.Equal(1, await VerifyAuditCommand.RunAsync(_app.Services, ["--archive", file], shortened));
        Assert.Contains("SHA-256 is not the one recorded", shortened.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gap_after_the_archive_and_a_removed_archive_row_break_the_chain()
    {
        var now = _app.Clock.GetUtcNow();
        await AddSealedAsync(now - SixYears - TimeSpan.FromDays(2), now - SixYears - TimeSpan.FromDays(1), now - TimeSpan.FromDays(1), now);
        Assert.Single((await ArchiveAsync()).Archives);

        await _app.QueryAsync(db => db.AuditEvents.Where(e => e.Sequence == 3).ExecuteDeleteAsync());
        var gap = await VerifyAsync();
        Assert.Equal((4L, "records 3 to 3 are missing"), (gap.BrokenAt!.Value, gap.Problem));

        await _app.QueryAsync(db => db.AuditArchives.ExecuteDeleteAsync());
        var noArchive = await VerifyAsync();
        Assert.Equal((4L, "records 1 to 3 are missing"), (noArchive.BrokenAt!.Value, noArchive.Problem));
    }

    [Fact]
    public async Task A_broken_link_is_never_archived_and_the_command_says_so()
    {
        var now = _app.Clock.GetUtcNow();
        await AddSealedAsync(now - SixYears - TimeSpan.FromDays(2), now - SixYears - TimeSpan.FromDays(1), now);
        await _app.QueryAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEvents\" SET \"Detail\" = 'rewritten' WHERE \"Sequence\" = 2"));

        var output = new StringWriter();
        Assert.Equal(1, await ArchiveAuditCommand.RunAsync(_app.Services, output));

        Assert.Contains("Archiving stopped: record 2 (reference ", output.ToString(), StringComparison.Ordinal);
        Assert.Equal([1L, 2L, 3L], await SequencesAsync());
        Assert.Equal(0, await _app.QueryAsync(db => db.AuditArchives.CountAsync()));
        Assert.Empty(Directory.Exists(_folder) ? Directory.GetFiles(_folder) : []);
    }

    [Fact]
    public async Task The_archive_audit_command_says_what_it_archived_and_then_that_nothing_waits()
    {
        var now = _app.Clock.GetUtcNow();
        await AddSealedAsync(now - SixYears - TimeSpan.FromDays(1), now);

        var output = new StringWriter();
        Assert.Equal(0, await ArchiveAuditCommand.RunAsync(_app.Services, output));
        var nothing = new StringWriter();
        Assert.Equal(0, await ArchiveAuditCommand.RunAsync(_app.Services, nothing));

        Assert.StartsWith($"Archived records 1 to 1 (1) into {Path.Combine(_folder, "audit-1-1.jsonl")}, SHA-256 ", output.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("Nothing to archive: ", nothing.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Records at the given times (each a sign-in of its own person), sealed in that order.</summary>
    private async Task AddSealedAsync(params DateTimeOffset[] times)
    {
        Assert.Equal(0, await _app.QueryAsync(db => db.AuditEvents.CountAsync()));
        await _app.QueryAsync(db =>
        {
            db.AuditEvents.AddRange(times.Select((time, n) => new AuditEvent
            {
                OccurredAt = time,
                UserId = "user-" + n,
                ClientId = "provider-portal",
                IpAddress = "203.0.113." + n,
                Event = "signin.password",
                Outcome = "succeeded",
                Reference = AuditReferences.New(),
                Detail = "record " + n,
            }));
            return db.SaveChangesAsync();
        });
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditSealer>().SealAsync();
    }

    private Task<List<long>> SequencesAsync() =>
        _app.QueryAsync(db => db.AuditEvents.OrderBy(e => e.Sequence).Select(e => e.Sequence!.Value).ToListAsync());

    private async Task<AuditArchiveRun> ArchiveAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var run = await scope.ServiceProvider.GetRequiredService<AuditArchiver>().ArchiveAsync();
        Assert.Null(run.Refused);
        return run;
    }

    private async Task<AuditVerification> VerifyAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
    }
}
