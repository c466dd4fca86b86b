using System.Diagnostics;
using System.Net;
using IdentityHub.Server.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace IdentityHub.Admin.Tests.Api;

/// <summary>Runs alone: it measures the process's managed memory, which tests running beside it would add to.</summary>
[CollectionDefinition(nameof(AuditExportAtScale), DisableParallelization = true)]
public sealed class AuditExportAtScale;

/// <summary>
/// An export is streamed (D9): a million audit events go out over HTTP as CSV while the process's managed
/// memory (server and reader together, in one process) stays far below the size of the export.
/// </summary>
[Collection(nameof(AuditExportAtScale))]
public sealed class AuditExportAtScaleTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Rows = 1_000_000;

    /// <summary>The bound on managed memory grown during the export; the CSV itself is about 300 MB.</summary>
    private const long MemoryBound = 100L * 1024 * 1024;

    private readonly AdminHosts _hosts = new();

    public Task InitializeAsync() => _hosts.InitializeAsync();

    public Task DisposeAsync() => _hosts.DisposeAsync();

    [Fact]
    public async Task A_million_events_export_as_csv_a_piece_at_a_time_with_bounded_memory()
    {
        var api = _hosts.Api(await _hosts.ServiceTokenAsync(TestClients.Integration, TestClients.IntegrationSecret));
        api.Timeout = TimeSpan.FromMinutes(3);
        var inserting = Stopwatch.StartNew();
        await InsertAsync();
        inserting.Stop();
        var expected = await _hosts.InDatabaseAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.AuditEvents));

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var exporting = Stopwatch.StartNew();
        using var response = await api.GetAsync("/api/v1/audit/export?format=csv", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long lines = 0, bytes = 0, peak = 0, nextSample = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            bytes += read;
            if (bytes >= nextSample)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false) - baseline);
                nextSample = bytes + (4 * 1024 * 1024);
            }
        }

        exporting.Stop();
        var rowsPerSecond = Rows / exporting.Elapsed.TotalSeconds;
        output.WriteLine($"Inserted {Rows:N0} rows in {inserting.Elapsed.TotalSeconds:F1} s; exported {expected:N0} rows ({bytes / 1024.0 / 1024.0:F0} MB of CSV) in {exporting.Elapsed.TotalSeconds:F1} s: {rowsPerSecond:N0} rows per second; managed memory grew by at most {peak / 1024.0 / 1024.0:F1} MB.");

        Assert.Equal(expected + 1, lines); // the header, then one line per event
        Assert.True(bytes > 2 * MemoryBound, $"the export is {bytes} bytes: too small to show that it is not held in memory");
        Assert.True(peak < MemoryBound, $"managed memory grew by {peak / 1024 / 1024} MB during the export");
    }

    /// <summary>
    /// A million sealed-looking events made by PostgreSQL itself (numbered far from the real chain, so the sealer
    /// leaves them be), with ids in order as real ones are (version 7): random ones would make the insert slow.
    /// </summary>
    private async Task InsertAsync()
    {
        await using var connection = new NpgsqlConnection(_hosts.TokenServer.ConnectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO "AuditEvents" ("Id", "OccurredAt", "UserId", "ActorId", "OrganizationId", "ClientId", "IpAddress", "Device",
                                       "Event", "Outcome", "Reference", "Detail", "Sequence", "PreviousHash", "Hash")
            SELECT lpad(to_hex(n), 32, '0'), now() - n * interval '1 second', 'user-' || (n % 5000), NULL, 'org-' || (n % 50), 'provider-portal',
                   '203.0.113.' || (n % 250), 'Chrome on Windows', 'signin.password', 'succeeded', 'T' || lpad(n::text, 7, '0'),
                   'Signed in with a password and a code sent by email; device remembered, attempt ' || n,
                   1000000000 + n, repeat('0', 64), md5(n::text) || md5((n + 1)::text)
            FROM generate_series(1, @rows) AS n
            """,
            connection);
        insert.Parameters.AddWithValue("rows", Rows);
        insert.CommandTimeout = 300;
        Assert.Equal(Rows, await insert.ExecuteNonQueryAsync());
    }
}
