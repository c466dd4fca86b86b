using System.Text;
using IdentityHub.Data;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Throttling;

/// <summary>
/// Counters in the <c>RateLimitCounters</c> table: one <c>INSERT … ON CONFLICT DO UPDATE … RETURNING</c>
/// per counted request, whatever the number of partitions, with the same text on PostgreSQL and SQLite.
/// </summary>
public sealed class DatabaseRateLimitStore(IdentityHubDbContext db) : IRateLimitStore
{
    public async Task<IReadOnlyList<int>> AddAsync(IReadOnlyList<RateLimitHit> hits, CancellationToken cancellationToken)
    {
        if (hits.Count == 0)
        {
            return [];
        }

        var sql = new StringBuilder("""INSERT INTO "RateLimitCounters" ("Policy", "PartitionKey", "WindowStart", "Count", "ExpiresAt") VALUES """);
        var parameters = new List<object>();
        for (var i = 0; i < hits.Count; i++)
        {
            var hit = hits[i];
            var at = parameters.Count;
            sql.Append(i == 0 ? "" : ", ").Append($"({{{at}}}, {{{at + 1}}}, {{{at + 2}}}, {{{at + 3}}}, {{{at + 4}}})");
            parameters.AddRange([hit.Policy, hit.PartitionKey, hit.WindowStart.ToUnixTimeSeconds(), hit.Increment, hit.WindowEnd.ToUnixTimeSeconds()]);
        }

        sql.Append("""
             ON CONFLICT ("Policy", "PartitionKey", "WindowStart") DO UPDATE SET "Count" = "RateLimitCounters"."Count" + excluded."Count"
             RETURNING "Policy", "PartitionKey", "Count"
            """);
        var rows = await db.Database.SqlQueryRaw<CountRow>(sql.ToString(), parameters.ToArray()).ToListAsync(cancellationToken);
        return [.. hits.Select(hit => rows.First(row => row.Policy == hit.Policy && row.PartitionKey == hit.PartitionKey).Count)];
    }

    public Task ResetAsync(string policy, string keyPrefix, CancellationToken cancellationToken) =>
        db.RateLimitCounters.Where(c => c.Policy == policy && c.PartitionKey.StartsWith(keyPrefix)).ExecuteDeleteAsync(cancellationToken);

    public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var seconds = now.ToUnixTimeSeconds();
        return db.RateLimitCounters.Where(c => c.ExpiresAt < seconds).ExecuteDeleteAsync(cancellationToken);
    }

    private sealed class CountRow
    {
        public string Policy { get; set; } = "";

        public string PartitionKey { get; set; } = "";

        public int Count { get; set; }
    }
}
