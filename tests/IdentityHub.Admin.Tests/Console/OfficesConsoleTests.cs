using IdentityHub.Core.Organizations;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Admin.Tests.Console;

/// <summary>An organization's offices (D1) in the console, on the organization's own page.</summary>
public sealed class OfficesConsoleTests(AdminHosts hosts) : IClassFixture<AdminHosts>
{
    private static Dictionary<string, string> Office(string name, string postalCode) => new()
    {
        ["Input.Name"] = name,
        ["Input.Address.Line1"] = "12 Canal Street",
        ["Input.Address.City"] = "Syracuse",
        ["Input.Address.State"] = "NY",
        ["Input.Address.PostalCode"] = postalCode,
        ["Input.Phone"] = "315-555-0123",
    };

    [Fact]
    public async Task An_administrator_adds_an_office_sees_it_on_the_organizations_page_and_removes_it()
    {
        var organization = await hosts.OrganizationAsync("Canal Street Clinic");
        var administrator = await hosts.PersonAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        var browser = new ConsoleBrowser(hosts);
        await browser.SignInAsync(administrator);
        var before = HtmlPage.Parse(await (await browser.GetAsync($"/Organizations/Edit/{organization.Id}")).Content.ReadAsStringAsync());
        Assert.Empty(before.All("#offices tbody tr"));
        var addUrl = before.One("#add-office").GetAttribute("href")!;

        var mistaken = HtmlPage.Parse(await (await browser.SubmitAsync(addUrl, "add-office", Office("Canal office", "132"))).Content.ReadAsStringAsync());
        Assert.Contains(("#Input_Address_PostalCode", "Enter a 5-digit ZIP code, or ZIP+4 such as 10001-1234."),
            mistaken.All("#error-summary a").Select(link => (link.GetAttribute("href"), HtmlPage.TextContent(link))));
        Assert.Equal("Canal office", mistaken.ValueOf("Input.Name"));

        var added = await browser.FollowAsync(await browser.PostFormOnAsync(mistaken.Document.DocumentElement.OuterHtml, addUrl, "add-office", Office("Canal office", "13202")));

        Assert.Equal($"/Organizations/Edit/{organization.Id}", ConsoleBrowser.PathOf(added));
        var page = HtmlPage.Parse(await added.Content.ReadAsStringAsync());
        Assert.Contains("The office Canal office is added", page.TextAt("#outcome"), StringComparison.Ordinal);
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}$", page.TextAt("#reference"));
        Assert.Equal("Canal office", page.TextAt("#offices tbody tr th"));
        Assert.Contains("12 Canal Street, Syracuse, NY 13202", page.TextAt("#offices tbody td:nth-of-type(1)"), StringComparison.Ordinal);
        Assert.StartsWith("1 office of ", page.TextAt("#offices caption"), StringComparison.Ordinal);

        var removeUrl = page.One("#offices a[id^=remove-office-]").GetAttribute("href")!;
        var removed = HtmlPage.Parse(await (await browser.FollowAsync(await browser.SubmitAsync(removeUrl, "remove-office"))).Content.ReadAsStringAsync());
        Assert.Contains("The office Canal office is removed", removed.TextAt("#outcome"), StringComparison.Ordinal);
        Assert.Empty(removed.All("#offices tbody tr"));
        Assert.False(await hosts.InDatabaseAsync(db => db.OrganizationLocations.AnyAsync(l => l.OrganizationId == organization.Id)));
    }

    [Fact]
    public async Task An_office_someone_works_at_is_not_removed_and_the_page_says_why()
    {
        var organization = await hosts.OrganizationAsync("Busy Canal Clinic");
        var administrator = await hosts.PersonAsync(AdministrativeRole.BackupAdministrator, organization.Id);
        var browser = new ConsoleBrowser(hosts);
        await browser.SignInAsync(administrator);
        await browser.FollowAsync(await browser.SubmitAsync($"/Organizations/{organization.Id}/Locations/Add", "add-office", Office("Busy office", "13202")));
        var office = await hosts.InDatabaseAsync(db => db.OrganizationLocations.SingleAsync(l => l.OrganizationId == organization.Id));
        await hosts.InDatabaseAsync(db => db.Users.Where(u => u.Id == administrator.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.LocationId, office.Id)));

        var refused = HtmlPage.Parse(await (await browser.SubmitAsync($"/Organizations/{organization.Id}/Locations/Remove/{office.Id}", "remove-office")).Content.ReadAsStringAsync());

        Assert.Equal("#Location", refused.One("#error-summary a").GetAttribute("href"));
        Assert.Contains("cannot be removed while 1 person works there", refused.TextAt("#Location"), StringComparison.Ordinal);
        Assert.True(await hosts.InDatabaseAsync(db => db.OrganizationLocations.AnyAsync(l => l.Id == office.Id)));
    }
}
