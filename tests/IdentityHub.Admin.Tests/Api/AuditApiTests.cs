using System.Net;
using System.Text.Json;
using IdentityHub.Core.Organizations;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Admin.Tests.Api;

/// <summary><c>/api/v1/audit</c> (D9): search, streamed exports and verification, each for whom it is meant.</summary>
public sealed class AuditApiTests(AdminHosts hosts) : IClassFixture<AdminHosts>
{
    [Fact]
    public async Task An_organization_administrator_reads_only_their_organizations_events_and_may_not_verify()
    {
        var mine = await hosts.OrganizationAsync("Harbor View Cardiology");
        var theirs = await hosts.OrganizationAsync("Bay Side Cardiology");
        var (api, _) = await hosts.SignedInAsync(AdministrativeRole.PrimaryAdministrator, mine.Id);
        await hosts.AddEventsAsync(mine.Id, 3);
        await hosts.AddEventsAsync(theirs.Id, 2);

        // The events added above (their actor is "administrator"): the administrator's own sign-in events reach the
        // trail in batches, at a moment the test does not control.
        var own = await (await api.GetAsync("/api/v1/audit/events?pageSize=2&actorId=administrator")).JsonAsync(HttpStatusCode.OK);
        var other = await (await api.GetAsync($"/api/v1/audit/events?organizationId={theirs.Id}")).JsonAsync(HttpStatusCode.OK);
        var exported = await (await api.GetAsync($"/api/v1/audit/export?format=json&organizationId={theirs.Id}")).Content.ReadAsStringAsync();
        var verify = await api.GetAsync("/api/v1/audit/verify");

        Assert.Equal((3, 2), (own.GetProperty("total").GetInt32(), own.GetProperty("items").GetArrayLength()));
        Assert.All(own.GetProperty("items").EnumerateArray(), item => Assert.Equal(mine.Id, item.GetProperty("organizationId").GetString()));
        Assert.Equal(0, other.GetProperty("total").GetInt32());
        Assert.Equal("[]", exported);
        Assert.Equal("Only platform administrators verify the audit chain.", (await verify.ProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/v1/audit/events?from=yesterday", "from")]
    [InlineData("/api/v1/audit/events?from=2026-03-02&to=2026-03-01", "from")]
    [InlineData("/api/v1/audit/events?to=2026-13-01", "to")]
    [InlineData("/api/v1/audit/events?reference=4F7K", "reference")]
    [InlineData("/api/v1/audit/events?pageSize=500", "pageSize")]
    [InlineData("/api/v1/audit/export?format=xlsx", "format")]
    [InlineData("/api/v1/audit/export?format=csv&from=03%2F01%2F2026", "from")]
    public async Task A_filter_that_cannot_be_used_is_a_400_naming_the_parameter(string url, string parameter)
    {
        var api = hosts.Api(await hosts.ServiceTokenAsync(TestClients.Integration, TestClients.IntegrationSecret));

        var problem = await (await api.GetAsync(url)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor(parameter));
    }

    [Fact]
    public async Task The_plan_exports_csv_and_json_as_attachments_and_verifies_the_chain_down_to_a_tampered_record()
    {
        var organization = await hosts.OrganizationAsync("Summit Ridge Imaging");
        var api = hosts.Api(await hosts.ServiceTokenAsync(TestClients.Integration, TestClients.IntegrationSecret));
        await hosts.AddEventsAsync(organization.Id, 4, detail: "=cmd|' /C calc'!A0");

        var csv = await api.GetAsync($"/api/v1/audit/export?organizationId={organization.Id}", HttpCompletionOption.ResponseHeadersRead);
        var json = await api.GetAsync($"/api/v1/audit/export?format=JSON&organizationId={organization.Id}");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches(@"^audit-\d{8}-\d{6}Z\.csv$", csv.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal(6, lines.Length); // the header, four events, and the empty rest after the last line break
        Assert.StartsWith("occurredAt,event,outcome,", lines[0], StringComparison.Ordinal);
        Assert.All(lines[1..5], line => Assert.Contains(",'=cmd|' /C calc'!A0,", line, StringComparison.Ordinal));
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".json", json.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var array = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(4, array.GetArrayLength());
        Assert.True(array[0].GetProperty("occurredAt").GetDateTimeOffset() > array[3].GetProperty("occurredAt").GetDateTimeOffset());

        await SealAsync();
        var intact = await (await api.GetAsync("/api/v1/audit/verify")).JsonAsync(HttpStatusCode.OK);
        Assert.True(intact.GetProperty("ok").GetBoolean());
        var head = intact.GetProperty("headSequence").GetInt64();
        Assert.True(intact.GetProperty("checked").GetInt64() >= 4);
        Assert.Matches("^[0-9a-f]{64}$", intact.GetProperty("headHash").GetString()!);
        Assert.Equal(JsonValueKind.Null, intact.GetProperty("firstBrokenLink").ValueKind);

        var tampered = await hosts.InDatabaseAsync(async db =>
        {
            var record = await db.AuditEvents.SingleAsync(e => e.Sequence == head);
            record.Outcome = "failed";
            await db.SaveChangesAsync();
            return record;
        });
        var broken = await (await api.GetAsync("/api/v1/audit/verify")).JsonAsync(HttpStatusCode.OK);
        Assert.False(broken.GetProperty("ok").GetBoolean());
        var link = broken.GetProperty("firstBrokenLink");
        Assert.Equal((head, tampered.Id, "its contents do not match its hash"), (link.GetProperty("sequence").GetInt64(), link.GetProperty("id").GetString(), link.GetProperty("problem").GetString()));

        // Put it back: the other tests of this class share the chain.
        await hosts.InDatabaseAsync(db => db.AuditEvents.Where(e => e.Id == tampered.Id).ExecuteUpdateAsync(set => set.SetProperty(e => e.Outcome, "succeeded")));
    }

    private async Task SealAsync()
    {
        await using var scope = hosts.TokenServer.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditSealer>().SealAsync();
    }
}
