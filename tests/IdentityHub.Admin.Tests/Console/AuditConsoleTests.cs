using System.Net;
using IdentityHub.Core.Organizations;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Admin.Tests.Console;

/// <summary>The console's audit trail page (D9): filters, the organization's events only, pages, and downloads that carry the filters.</summary>
public sealed class AuditConsoleTests(AdminHosts hosts) : IClassFixture<AdminHosts>
{
    [Fact]
    public async Task An_administrator_filters_their_organizations_events_pages_through_them_and_downloads_them()
    {
        var organization = await hosts.OrganizationAsync("Riverbend Physical Therapy");
        var other = await hosts.OrganizationAsync("Stonebridge Physical Therapy");
        var administrator = await hosts.PersonAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        await hosts.AddEventsAsync(organization.Id, 30, "person.sessions_ended");
        await hosts.AddEventsAsync(other.Id, 5, "person.sessions_ended");
        var browser = new ConsoleBrowser(hosts);
        await browser.SignInAsync(administrator);

        var home = await HtmlPage.ReadAsync(await browser.GetAsync("/"));
        var first = await HtmlPage.ReadAsync(await browser.GetAsync(home.Link("Audit trail").GetAttribute("href") + "?event=person.sessions_ended"));

        Assert.Equal("30 events, page 1 of 2", first.TextAt("#events caption"));
        Assert.Equal(25, first.All("#events tbody tr").Count);
        Assert.Equal("You see your organization's events only.", first.TextAt("#own-organization"));
        var second = await HtmlPage.ReadAsync(await browser.GetAsync(first.One("#next-page").GetAttribute("href")!));
        Assert.Equal(5, second.All("#events tbody tr").Count);

        var csvLink = first.One("#download-csv").GetAttribute("href")!;
        Assert.Equal("/Audit/Export?event=person.sessions_ended&format=csv", csvLink);
        var download = await browser.GetAsync(csvLink);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        var lines = (await download.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(31, lines.Length);
        Assert.All(lines[1..], line => Assert.Contains(organization.Id, line, StringComparison.Ordinal));
        var json = await browser.GetAsync(first.One("#download-json").GetAttribute("href")!);
        Assert.Equal(30, System.Text.Json.JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task A_date_that_cannot_be_read_is_named_at_its_field_and_its_download_goes_back_to_the_page()
    {
        var helpDesk = await hosts.PersonAsync(AdministrativeRole.HelpDesk, organizationId: null);
        var browser = new ConsoleBrowser(hosts);
        await browser.SignInAsync(helpDesk);

        var page = await HtmlPage.ReadAsync(await browser.GetAsync("/Audit?from=yesterday"));
        var download = await browser.Console.GetAsync("/Audit/Export?format=csv&from=yesterday");

        Assert.Equal("#From", page.One("#error-summary a").GetAttribute("href"));
        Assert.StartsWith("Enter 'from' as a date", page.TextAt("#error-summary a"), StringComparison.Ordinal);
        Assert.Equal("yesterday", page.ValueOf("From"));
        Assert.False(page.Has("#events"));
        Assert.Equal(HttpStatusCode.Redirect, download.StatusCode);
        Assert.Equal("/Audit?from=yesterday", download.Headers.Location?.OriginalString);
    }
}
