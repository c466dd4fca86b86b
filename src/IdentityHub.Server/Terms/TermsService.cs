using IdentityHub.Data;
using IdentityHub.Data.Terms;
using IdentityHub.Data.Users;
using IdentityHub.Server.Audit;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Terms;

/// <summary>
/// Terms and conditions (A5): the newest published version must be accepted at the first sign-in
/// and after every new version, signed by typing the first and last name on the account.
/// </summary>
public sealed class TermsService(IdentityHubDbContext db, AuditLog audit, TimeProvider time, IHttpContextAccessor http)
{
    /// <summary>The published versions, newest first: the first is the current one.</summary>
    private IQueryable<TermsVersion> NewestFirst => db.TermsVersions.OrderByDescending(t => t.PublishedAt);

    public Task<TermsVersion?> CurrentAsync() => NewestFirst.FirstOrDefaultAsync();

    /// <summary>Whether the user accepted the newest terms (true when none are published): one query.</summary>
    public async Task<bool> HasAcceptedCurrentAsync(string userId)
    {
        var current = await NewestFirst
            .Select(t => new { Accepted = db.TermsAcceptances.Any(a => a.UserId == userId && a.TermsVersionId == t.Id) })
            .FirstOrDefaultAsync();
        return current is null || current.Accepted;
    }

    /// <summary>Whether the typed name matches the account (case, accents of spacing aside).</summary>
    public static bool NameMatches(IdentityHubUser user, string? first, string? last) =>
        Same(user.GivenName, first) && Same(user.FamilyName, last);

    public async Task AcceptAsync(IdentityHubUser user, TermsVersion version, string first, string last)
    {
        var typed = $"{first.Trim()} {last.Trim()}";
        db.TermsAcceptances.Add(new TermsAcceptance
        {
            UserId = user.Id,
            TermsVersionId = version.Id,
            TypedName = typed,
            AcceptedAt = time.GetUtcNow(),
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
        });
        await db.SaveChangesAsync();
        await audit.RecordAsync("terms.accepted", "succeeded", user.Id, detail: $"version {version.Version} signed \"{typed}\"");
    }

    /// <summary>Whether a version of this name is published (names are unique).</summary>
    public Task<bool> ExistsAsync(string version) => db.TermsVersions.AnyAsync(t => t.Version == version);

    /// <summary>A name for a version published now that no published version has (see <see cref="TermsVersionNames"/>).</summary>
    public async Task<string> DefaultVersionAsync()
    {
        var now = time.GetUtcNow();
        var prefix = TermsVersionNames.DayPrefix(now);
        var today = await db.TermsVersions.Where(t => t.Version.StartsWith(prefix)).Select(t => t.Version).ToListAsync();
        return TermsVersionNames.Default(now, today);
    }

    /// <summary>Publishes a version; users accept it at their next sign-in.</summary>
    public async Task<TermsVersion> PublishAsync(string version, string title, string text)
    {
        // The newest is the current one: a version is never published "before" the current one, even
        // when this node's clock is behind the node that published it or both fall in the same instant.
        var publishedAt = time.GetUtcNow();
        if (await CurrentAsync() is { } current && current.PublishedAt >= publishedAt)
        {
            publishedAt = current.PublishedAt.AddMilliseconds(1);
        }

        var terms = new TermsVersion { Version = version, Title = title, Text = text, PublishedAt = publishedAt };
        db.TermsVersions.Add(terms);
        await db.SaveChangesAsync();
        return terms;
    }

    private static string Collapse(string? value) =>
        string.Join(' ', (value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static bool Same(string? expected, string? typed) =>
        Collapse(expected).Length > 0 && string.Equals(Collapse(expected), Collapse(typed), StringComparison.OrdinalIgnoreCase);
}
