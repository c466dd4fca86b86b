using System.Net;
using IdentityHub.Core.Organizations;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Admin.Tests.Console;

/// <summary>The console's "Look up a reference" page (D8): the events behind a number read out, and nothing of another organization's.</summary>
public sealed class ReferenceLookupConsoleTests(AdminHosts hosts) : IClassFixture<AdminHosts>
{
    [Fact]
    public async Task The_reference_of_an_action_read_out_loosely_shows_its_events_and_another_organization_sees_nothing()
    {
        var organization = await hosts.OrganizationAsync("Lakeside Home Health");
        var administrator = await hosts.PersonAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        var person = await hosts.PersonAsync(AdministrativeRole.GeneralUser, organization.Id);
        var stranger = await hosts.PersonAsync(AdministrativeRole.PrimaryAdministrator, (await hosts.OrganizationAsync("Hilltop Hospice")).Id);
        var browser = new ConsoleBrowser(hosts);
        await browser.SignInAsync(administrator);
        var reference = (await HtmlPage.ReadAsync(await browser.FollowAsync(await browser.SubmitAsync($"/People/{person.Id}", "end-sessions")))).TextAt("#reference");
        var readOut = reference.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant();

        var home = await HtmlPage.ReadAsync(await browser.GetAsync("/"));
        var found = await HtmlPage.ReadAsync(await browser.GetAsync(home.Link("Look up a reference").GetAttribute("href") + "?reference=" + Uri.EscapeDataString(readOut)));

        Assert.StartsWith($"What happened under reference {reference}", found.TextAt("#events caption"), StringComparison.Ordinal);
        var cells = found.One("#events tbody tr").Children.Select(HtmlPage.TextContent).ToList();
        Assert.EndsWith("UTC", cells[0], StringComparison.Ordinal);
        Assert.Equal(["Signed out everywhere by an administrator", "Succeeded", administrator.UserName!, person.UserName!], cells.Skip(1));

        var other = new ConsoleBrowser(hosts);
        await other.SignInAsync(stranger);
        foreach (var entered in new[] { reference, "ZZZZ-ZZZZ" })
        {
            var response = await other.GetAsync("/References?reference=" + Uri.EscapeDataString(entered));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await HtmlPage.ReadAsync(response);
            Assert.StartsWith("We found nothing for the reference number", page.TextAt("#nothing-found"), StringComparison.Ordinal);
            Assert.False(page.Has("#events"));
        }
    }

    [Fact]
    public async Task The_help_desk_finds_any_organizations_reference_and_a_number_that_cannot_be_one_is_named_at_the_field()
    {
        var organization = await hosts.OrganizationAsync("Prairie Wind Clinic");
        var administrator = await hosts.PersonAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        var person = await hosts.PersonAsync(AdministrativeRole.GeneralUser, organization.Id);
        var helpDesk = await hosts.PersonAsync(AdministrativeRole.HelpDesk, organizationId: null);
        var acting = new ConsoleBrowser(hosts);
        await acting.SignInAsync(administrator);
        var reference = (await HtmlPage.ReadAsync(await acting.FollowAsync(await acting.SubmitAsync($"/People/{person.Id}", "unlock")))).TextAt("#reference");
        var browser = new ConsoleBrowser(hosts);
        await browser.SignInAsync(helpDesk);

        var found = await HtmlPage.ReadAsync(await browser.GetAsync("/References?reference=" + reference.Replace("-", "", StringComparison.Ordinal)));
        var wrong = await HtmlPage.ReadAsync(await browser.GetAsync("/References?reference=4F7K"));

        Assert.Equal("Account unlocked by an administrator", found.TextAt("#events tbody th"));
        Assert.Equal(("#Reference", "Enter the reference number as 8 letters and digits, for example 4F7K-9QXM."), (wrong.One("#error-summary a").GetAttribute("href"), wrong.TextAt("#error-summary a")));
        Assert.True(wrong.Has("#Reference"));
        Assert.Equal("4F7K", wrong.ValueOf("Reference"));
    }
}
