using IdentityHub.Core.Members;
using IdentityHub.Data;
using IdentityHub.Data.Members;
using IdentityHub.Server.Commands;
using IdentityHub.Server.Members;
using IdentityHub.Server.Members.Import;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Server.Tests.Members;

/// <summary>
/// Loading the plan's roster file (A15), in process: rows checked and reported by line, upserts by member id in
/// batches, dry runs, and a full roster ending the coverage of members it does not list.
/// </summary>
public sealed class ImportMembersTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("identityhub-members-").FullName;

    [Fact]
    public async Task A_valid_file_is_loaded_and_its_members_prove_membership_on_the_imported_roster()
    {
        var (a, b) = (NewId(), NewId());
        var file = Read($"""
            Member ID,DOB,Last Name,ZIP Code,First Name,Patient ID,E-mail,Term Date,Plan Code
            {a},04/12/1950,Núñez,94110-1234,Ana,nunez-ana,ana@example.org,,GOLD
            "{b}",1962-11-03,"O'Brien, Jr",02116,,,,2099-12-31,SILVER
            """);

        var summary = await RunAsync(file);

        Assert.Equal(["Plan Code"], file.IgnoredColumns);
        Assert.Equal((2, 2, 0, 0, 0), (summary.Total, summary.Added, summary.Updated, summary.Unchanged, summary.Rejected.Count));
        var stored = await MemberAsync(b);
        Assert.Equal(("O'Brien, Jr", "OBRIENJR", "02116", new DateOnly(2099, 12, 31), summary.Batch), (stored.FamilyName, stored.NormalizedFamilyName, stored.PostalCode, stored.CoverageEndsOn, stored.ImportBatch));
        var answer = await CheckAsync(new MemberProof(a.ToLowerInvariant(), new DateOnly(1950, 4, 12), "nunez", "94110"));
        Assert.Equal(new RosterAnswer.Matched(a, "nunez-ana", "Ana", "Núñez", "ana@example.org"), answer);
    }

    [Fact]
    public async Task Bad_rows_are_reported_by_line_with_every_problem_and_skipped()
    {
        var (good, dup) = (NewId(), NewId());
        var file = Read($"""
            member_id,date_of_birth,last_name,zip,patient_id,email
            {good},1950-04-12,Rivera,33101,,
            --,1950-04-12,Rivera,33101,,
            {NewId()},2999-01-01,Rivera,33101,,
            {NewId()},12/31/1950,1234,2116,,
            {NewId()},1950-04-12,Rivera,33101,pat/1,not-an-address
            {dup},31.12.1950,Rivera,33101,,
            {dup},1950-04-12,Rivera,33101,,
            {dup},1950-04-12,Rivera,33101,,
            {NewId()},1950-04-12,Rivera
            """);

        var summary = await RunAsync(file);

        Assert.Equal((2, 7), (summary.Added, summary.Rejected.Count));
        string Reason(int line) => Assert.Single(summary.Rejected, row => row.Line == line).Reason;
        Assert.Contains("member id '--' must have 1 to 64 letters and digits", Reason(3), StringComparison.Ordinal);
        Assert.Contains("date of birth '2999-01-01' is in the future", Reason(4), StringComparison.Ordinal);
        Assert.Contains("last name '1234' has no letters", Reason(5), StringComparison.Ordinal);
        Assert.Contains("ZIP code '2116' must have 5 or 9 digits (a spreadsheet may have dropped its leading zeros", Reason(5), StringComparison.Ordinal);
        Assert.Contains("patient id 'pat/1' must be a FHIR id", Reason(6), StringComparison.Ordinal);
        Assert.Contains("email 'not-an-address' is not an address", Reason(6), StringComparison.Ordinal);
        Assert.Contains("date of birth '31.12.1950' is not a date", Reason(7), StringComparison.Ordinal);
        Assert.Contains("is already on line 8 of this file", Reason(9), StringComparison.Ordinal);
        Assert.Contains("has 3 field(s); the header has 6", Reason(10), StringComparison.Ordinal);
        Assert.NotNull(await MemberOrNullAsync(good));
        Assert.Equal(new DateOnly(1950, 4, 12), (await MemberAsync(dup)).DateOfBirth);
    }

    [Fact]
    public async Task Importing_again_updates_changed_members_and_leaves_the_others()
    {
        var (moved, stayed) = (NewId(), NewId());
        await RunAsync(Read($"member_id,date_of_birth,last_name,zip\n{moved},1950-04-12,Rivera,33101\n{stayed},1962-11-03,Nguyen,77002\n"));

        var second = await RunAsync(Read($"member_id,date_of_birth,last_name,zip,coverage_ends\n{moved},1950-04-12,Rivera,33139,\n{stayed},1962-11-03,Nguyen,77002,\n"));

        Assert.Equal((0, 1, 1), (second.Added, second.Updated, second.Unchanged));
        Assert.Equal(("33139", second.Batch), ((await MemberAsync(moved)).PostalCode, (await MemberAsync(moved)).ImportBatch));
        Assert.IsType<RosterAnswer.NotMatched>(await CheckAsync(new MemberProof(moved, new DateOnly(1950, 4, 12), "Rivera", "33101")));
        Assert.IsType<RosterAnswer.Matched>(await CheckAsync(new MemberProof(moved, new DateOnly(1950, 4, 12), "Rivera", "33139")));
    }

    [Fact]
    public async Task A_dry_run_counts_but_writes_nothing()
    {
        var (existing, fresh) = (NewId(), NewId());
        await RunAsync(Read($"member_id,date_of_birth,last_name,zip\n{existing},1950-04-12,Rivera,33101\n"));

        var dry = await RunAsync(Read($"member_id,date_of_birth,last_name,zip\n{existing},1950-04-12,Rivera,33139\n{fresh},1962-11-03,Nguyen,77002\n"), dryRun: true);

        Assert.Equal((1, 1), (dry.Added, dry.Updated));
        Assert.Null(await MemberOrNullAsync(fresh));
        Assert.Equal("33101", (await MemberAsync(existing)).PostalCode);
    }

    [Fact]
    public async Task A_full_roster_ends_today_the_coverage_of_members_it_does_not_list_but_not_when_a_row_was_rejected()
    {
        var (listed, missing) = (NewId(), NewId());
        await RunAsync(Read($"member_id,date_of_birth,last_name,zip\n{listed},1950-04-12,Rivera,33101\n{missing},1962-11-03,Nguyen,77002\n"));
        var roster = $"member_id,date_of_birth,last_name,zip\n{listed},1950-04-12,Rivera,33101\n";

        var refused = await RunAsync(Read(roster + "--,1950-04-12,Rivera,33101\n"), fullRoster: true);
        Assert.Equal(0, refused.Ended);
        Assert.Contains("1 row(s) were rejected", refused.EndingSkipped, StringComparison.Ordinal);
        Assert.Null((await MemberAsync(missing)).CoverageEndsOn);

        var dry = await RunAsync(Read(roster), dryRun: true, fullRoster: true);
        Assert.Null((await MemberAsync(missing)).CoverageEndsOn);
        var full = await RunAsync(Read(roster), fullRoster: true);

        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        Assert.True(full.Ended >= 1);
        Assert.Equal(full.Ended, dry.Ended);
        Assert.Equal(today, (await MemberAsync(missing)).CoverageEndsOn);
        Assert.Null((await MemberAsync(listed)).CoverageEndsOn);
        Assert.Null(full.EndingSkipped);
    }

    [Fact]
    public async Task A_large_file_is_loaded_in_batches()
    {
        var prefix = NewId();
        var rows = Enumerable.Range(0, MemberImport.BatchSize * 2 + 7).Select(i => $"{prefix}{i:D5},1950-04-12,Rivera,33101");
        var progress = new List<int>();

        var summary = await new MemberImport(app.Services.GetRequiredService<IServiceScopeFactory>(), app.Clock)
            .RunAsync(Read("member_id,date_of_birth,last_name,zip\n" + string.Join('\n', rows)).Rows, new MemberImportMode(false, false), (done, _, _, _) => progress.Add(done));

        Assert.Equal(MemberImport.BatchSize * 2 + 7, summary.Added);
        Assert.Equal([MemberImport.BatchSize, MemberImport.BatchSize * 2, MemberImport.BatchSize * 2 + 7], progress);
        Assert.Equal(summary.Added, await app.QueryAsync(db => db.RosterMembers.CountAsync(m => m.ImportBatch == summary.Batch)));
    }

    [Fact]
    public async Task The_command_prints_the_summary_writes_the_report_and_audits_the_import()
    {
        var id = NewId();
        var path = Path.Combine(_folder, "roster.csv");
        var report = Path.Combine(_folder, "report.txt");
        await File.WriteAllTextAsync(path, $"member_id,date_of_birth,last_name,zip\n{id},1950-04-12,Rivera,33101\n--,1950-04-12,Rivera,33101\n");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await ImportMembersCommand.RunAsync(app.Services, [path, "--report", report], output, error);

        Assert.Equal(1, exit);
        var batch = (await MemberAsync(id)).ImportBatch!;
        Assert.Contains($"Import {batch} of {path}: 2 row(s).", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("  line 3: The member id '--'", output.ToString(), StringComparison.Ordinal);
        var written = await File.ReadAllTextAsync(report);
        Assert.Contains($"Import {batch}", written, StringComparison.Ordinal);
        Assert.Contains("Rejected:  1", written, StringComparison.Ordinal);
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Event == "members.imported" && e.Outcome == "partly" && e.Detail!.StartsWith($"import {batch} by the import-members command"))));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string NewId() => "T" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    private static MemberFile Read(string text)
    {
        var file = MemberFile.Read(text);
        Assert.Null(file.Error);
        return file;
    }

    private async Task<MemberImportSummary> RunAsync(MemberFile file, bool dryRun = false, bool fullRoster = false) =>
        await new MemberImport(app.Services.GetRequiredService<IServiceScopeFactory>(), app.Clock).RunAsync(file.Rows, new MemberImportMode(dryRun, fullRoster));

    private async Task<RosterMember> MemberAsync(string id) => await MemberOrNullAsync(id) ?? throw new InvalidOperationException($"No member {id}.");

    private Task<RosterMember?> MemberOrNullAsync(string id) =>
        app.QueryAsync(db => db.RosterMembers.AsNoTracking().FirstOrDefaultAsync(m => m.NormalizedMemberId == id));

    private async Task<RosterAnswer> CheckAsync(MemberProof proof)
    {
        using var scope = app.Services.CreateScope();
        return await new ImportedRoster(scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>(), app.Clock).CheckAsync(proof);
    }
}
