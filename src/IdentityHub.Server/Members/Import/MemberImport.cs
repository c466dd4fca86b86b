using System.Globalization;
using System.Security.Cryptography;
using IdentityHub.Data;
using IdentityHub.Data.Members;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Members.Import;

/// <summary>A row that was not imported, with every problem it has.</summary>
public sealed record RejectedMemberRow(int Line, string Reason);

/// <summary>What an import did (or, in a dry run, would do).</summary>
/// <param name="Batch">The import's id, written on every row it wrote (<see cref="RosterMember.ImportBatch"/>).</param>
/// <param name="Ended">Members missing from a full roster whose coverage now ends today.</param>
/// <param name="EndingSkipped">Why a full roster ended no coverage (rejected rows), or null.</param>
public sealed record MemberImportSummary(
    string Batch,
    int Total,
    int Added,
    int Updated,
    int Unchanged,
    IReadOnlyList<RejectedMemberRow> Rejected,
    int Ended,
    string? EndingSkipped);

/// <summary>How <see cref="MemberImport"/> runs.</summary>
/// <param name="DryRun">Check and count, write nothing.</param>
/// <param name="FullRoster">The file is the plan's whole roster: members not in it get coverage ending today.</param>
public sealed record MemberImportMode(bool DryRun, bool FullRoster);

/// <summary>
/// Loads the plan's roster file into <c>RosterMembers</c> (A15), for the imported roster: every row checked first
/// (<see cref="MemberRowCheck"/>; a member id on two rows is a problem of the second), then upserted by normalized
/// member id in batches of <see cref="BatchSize"/>, each in its own short-lived context, so a file of a hundred
/// thousand members never sits in one change tracker. A member in the file takes the file's values, coverage
/// end included (a member the plan re-enrolled is covered again). With <see cref="MemberImportMode.FullRoster"/>
/// the members the file does not list get coverage ending today, in one update, unless a row was rejected: a
/// rejected row may be a member who is still covered.
/// </summary>
public sealed class MemberImport(IServiceScopeFactory scopes, TimeProvider time)
{
    public const int BatchSize = 500;

    /// <param name="progress">After each batch: rows done, and the counts so far (added, updated, unchanged).</param>
    internal async Task<MemberImportSummary> RunAsync(IReadOnlyList<MemberRow> rows, MemberImportMode mode, Action<int, int, int, int>? progress = null, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var batch = string.Create(CultureInfo.InvariantCulture, $"{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");

        var (members, rejected) = Check(rows, today);
        int added = 0, updated = 0, unchanged = 0, stillCoveredListed = 0;
        foreach (var chunk in members.Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var counts = await UpsertAsync(chunk, batch, now, today, mode.DryRun, cancellationToken);
            added += counts.Added;
            updated += counts.Updated;
            unchanged += counts.Unchanged;
            stillCoveredListed += counts.StillCoveredListed;
            progress?.Invoke(added + updated + unchanged, added, updated, unchanged);
        }

        var (ended, skipped) = mode.FullRoster
            ? await EndMissingAsync(batch, today, mode.DryRun, members.Count, rejected.Count, stillCoveredListed, cancellationToken)
            : (0, null);
        return new MemberImportSummary(batch, rows.Count, added, updated, unchanged, rejected, ended, skipped);
    }

    private static (List<RosterMember> Members, List<RejectedMemberRow> Rejected) Check(IReadOnlyList<MemberRow> rows, DateOnly today)
    {
        var members = new List<RosterMember>();
        var rejected = new List<RejectedMemberRow>();
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var (member, problem) = MemberRowCheck.Check(row, today);
            if (member is null)
            {
                rejected.Add(new RejectedMemberRow(row.Line, problem!));
            }
            else if (firstLineOf.TryGetValue(member.NormalizedMemberId, out var first))
            {
                rejected.Add(new RejectedMemberRow(row.Line, $"The member id '{member.MemberId}' is already on line {first} of this file."));
            }
            else
            {
                firstLineOf[member.NormalizedMemberId] = row.Line;
                members.Add(member);
            }
        }

        return (members, rejected);
    }

    private async Task<(int Added, int Updated, int Unchanged, int StillCoveredListed)> UpsertAsync(
        RosterMember[] chunk, string batch, DateTimeOffset now, DateOnly today, bool dryRun, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>();
        var keys = chunk.Select(member => member.NormalizedMemberId).ToList();
        var query = db.RosterMembers.Where(member => keys.Contains(member.NormalizedMemberId));
        var existing = await (dryRun ? query.AsNoTracking() : query).ToDictionaryAsync(member => member.NormalizedMemberId, StringComparer.Ordinal, cancellationToken);

        int added = 0, updated = 0, unchanged = 0, stillCovered = 0;
        foreach (var member in chunk)
        {
            member.ImportBatch = batch;
            member.ImportedAt = now;
            if (!existing.TryGetValue(member.NormalizedMemberId, out var stored))
            {
                added++;
                db.RosterMembers.Add(member);
                continue;
            }

            stillCovered += IsCovered(stored, today) ? 1 : 0;
            if (SameFacts(stored, member))
            {
                unchanged++;
            }
            else
            {
                updated++;
            }

            Copy(member, stored);
        }

        if (!dryRun)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return (added, updated, unchanged, stillCovered);
    }

    private async Task<(int Ended, string? Skipped)> EndMissingAsync(
        string batch, DateOnly today, bool dryRun, int listed, int rejected, int stillCoveredListed, CancellationToken cancellationToken)
    {
        if (rejected > 0 || listed == 0)
        {
            return (0, listed == 0
                ? "the file lists no member that could be imported"
                : $"{rejected} row(s) were rejected, and each may be a member who is still covered: fix them and run the import again");
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>();
        var covered = db.RosterMembers.Where(member => member.CoverageEndsOn == null || member.CoverageEndsOn > today);
        if (dryRun)
        {
            // Nothing was stamped with this batch: every covered member, less those the file lists.
            return (await covered.CountAsync(cancellationToken) - stillCoveredListed, null);
        }

        var ended = await covered.Where(member => member.ImportBatch != batch)
            .ExecuteUpdateAsync(update => update.SetProperty(member => member.CoverageEndsOn, today), cancellationToken);
        return (ended, null);
    }

    private static bool IsCovered(RosterMember member, DateOnly today) => member.CoverageEndsOn is not { } ends || ends > today;

    private static bool SameFacts(RosterMember stored, RosterMember row) =>
        stored.MemberId == row.MemberId && stored.DateOfBirth == row.DateOfBirth && stored.GivenName == row.GivenName
        && stored.FamilyName == row.FamilyName && stored.NormalizedFamilyName == row.NormalizedFamilyName && stored.PostalCode == row.PostalCode
        && stored.PatientId == row.PatientId && stored.Email == row.Email && stored.CoverageEndsOn == row.CoverageEndsOn;

    private static void Copy(RosterMember row, RosterMember stored)
    {
        stored.MemberId = row.MemberId;
        stored.DateOfBirth = row.DateOfBirth;
        stored.GivenName = row.GivenName;
        stored.FamilyName = row.FamilyName;
        stored.NormalizedFamilyName = row.NormalizedFamilyName;
        stored.PostalCode = row.PostalCode;
        stored.PatientId = row.PatientId;
        stored.Email = row.Email;
        stored.CoverageEndsOn = row.CoverageEndsOn;
        stored.ImportBatch = row.ImportBatch;
        stored.ImportedAt = row.ImportedAt;
    }
}
