using IdentityHub.Core.Accounts;
using IdentityHub.Data.Users;
using IdentityHub.Server.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Import;

public enum RowResult
{
    Imported,
    Skipped,
    Rejected,
}

/// <summary>What became of one row: imported, skipped (already imported) or rejected, with the reason.</summary>
public sealed record RowOutcome(int Line, string? UserName, RowResult Result, string? Reason);

/// <summary>Counts and the rows that were not imported, for the summary.</summary>
public sealed record ImportSummary(int Total, int Imported, int Skipped, int Rejected, IReadOnlyList<RowOutcome> NotImported);

/// <summary>
/// Creates users from import rows (A10). Each row stands alone: it is checked, then created in its own
/// scope, so one bad row never stops the rest. A username already imported for the same person is skipped,
/// so running the same file again changes nothing; for a different person it is a conflict, naming both. Imported users have no MFA method; they enroll at first sign-in.
/// </summary>
public sealed class UserImport(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>Where phone numbers written without a country code are read as from.</summary>
    public string PhoneRegion { get; init; } = "US";

    public async Task<ImportSummary> RunAsync(IReadOnlyList<ImportRow> rows, bool dryRun, Action<RowOutcome, int>? progress = null, CancellationToken cancellationToken = default)
    {
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var outcomes = new List<RowOutcome>();
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var outcome = await ImportAsync(row, dryRun, firstLineOf);
            outcomes.Add(outcome);
            progress?.Invoke(outcome, outcomes.Count);
        }

        return new ImportSummary(
            rows.Count,
            outcomes.Count(o => o.Result == RowResult.Imported),
            outcomes.Count(o => o.Result == RowResult.Skipped),
            outcomes.Count(o => o.Result == RowResult.Rejected),
            [.. outcomes.Where(o => o.Result != RowResult.Imported)]);
    }

    private async Task<RowOutcome> ImportAsync(ImportRow row, bool dryRun, Dictionary<string, int> firstLineOf)
    {
        var (candidate, scheme, problems) = ImportRowCheck.Check(row, PhoneRegion, time.GetUtcNow());
        if (candidate is null)
        {
            return new RowOutcome(row.Line, row.UserName, RowResult.Rejected, string.Join(" ", problems));
        }

        // Checked before the database, so that a second run classifies every row as the first did.
        var key = UsernameRules.Normalize(candidate.UserName!).ToUpperInvariant();
        if (firstLineOf.TryGetValue(key, out var first))
        {
            return new RowOutcome(row.Line, candidate.UserName, RowResult.Rejected, $"The username is already on line {first} of this file.");
        }

        firstLineOf[key] = row.Line;
        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityHubUser>>();
        if (await users.FindByNameAsync(candidate.UserName!) is { } existing)
        {
            if (existing.ImportedAt is null)
            {
                return new RowOutcome(row.Line, candidate.UserName, RowResult.Rejected, $"An account created here (not by an import) already has this username: {Describe(existing)}.");
            }

            return SamePerson(existing, candidate)
                ? new RowOutcome(row.Line, candidate.UserName, RowResult.Skipped, "Already imported; left unchanged.")
                : new RowOutcome(row.Line, candidate.UserName, RowResult.Rejected,
                    $"Conflict: the username belongs to another person, imported earlier ({Describe(existing)}); this row is {Describe(candidate)}. Give one of them another username.");
        }

        if (dryRun)
        {
            return new RowOutcome(row.Line, candidate.UserName, RowResult.Imported, null);
        }

        IdentityResult created;
        try
        {
            created = await users.CreateAsync(candidate);
        }
        catch (DbUpdateException exception)
        {
            return new RowOutcome(row.Line, candidate.UserName, RowResult.Rejected, "The database refused the row: " + (exception.InnerException ?? exception).Message);
        }

        if (!created.Succeeded)
        {
            return new RowOutcome(row.Line, candidate.UserName, RowResult.Rejected, string.Join(" ", created.Errors.Select(error => error.Description)));
        }

        await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync("user.imported", "succeeded", candidate.Id, detail: $"line {row.Line}; password hash {scheme}");
        return new RowOutcome(row.Line, candidate.UserName, RowResult.Imported, null);
    }

    /// <summary>
    /// The row describes the person imported under this username before (running a file again): the same
    /// email, or, without emails, the same name. Anything else is a different person and a conflict.
    /// </summary>
    private static bool SamePerson(IdentityHubUser existing, IdentityHubUser candidate) =>
        existing.Email is { Length: > 0 } || candidate.Email is { Length: > 0 }
            ? string.Equals(existing.Email?.Trim(), candidate.Email?.Trim(), StringComparison.OrdinalIgnoreCase)
            : string.Equals(existing.GivenName, candidate.GivenName, StringComparison.OrdinalIgnoreCase)
              && string.Equals(existing.FamilyName, candidate.FamilyName, StringComparison.OrdinalIgnoreCase);

    private static string Describe(IdentityHubUser user) =>
        $"{$"{user.GivenName} {user.FamilyName}".Trim() switch { "" => "no name", var name => name }}, {user.Email ?? "no email"}";
}
