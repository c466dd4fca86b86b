using System.Net;
using IdentityHub.Core.Organizations;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Admin.Tests.Console;

/// <summary>Signing in to the console through the token server, the no-rights page, signing out, the pages' headers and cookies.</summary>
public sealed class ConsoleSignInTests(AdminHosts hosts) : IClassFixture<AdminHosts>
{
    [Fact]
    public async Task An_organization_administrator_signs_in_through_the_token_server_and_sees_who_they_are()
    {
        var organization = await hosts.OrganizationAsync("Maple Street Clinic");
        var administrator = await hosts.PersonAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        var browser = new ConsoleBrowser(hosts);

        var home = await browser.SignInAsync(administrator);

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal("https://admin.test/", home.RequestMessage!.RequestUri!.AbsoluteUri);
        var page = await HtmlPage.ReadAsync(home);
        Assert.Contains("the primary administrator of your organization", page.TextAt("#signed-in-as"), StringComparison.Ordinal);
        Assert.Equal("Your organization: Maple Street Clinic", page.TextAt("#your-organization"));
        Assert.True(page.Has("a.skip-link[href='#main']"));
        Assert.True(page.Has("nav[aria-label='Administration']"));
    }

    [Fact]
    public async Task A_general_user_sees_only_the_page_saying_they_have_no_administrative_rights()
    {
        var organization = await hosts.OrganizationAsync("Oak Hill Family Medicine");
        var user = await hosts.PersonAsync(AdministrativeRole.GeneralUser, organization.Id);
        var browser = new ConsoleBrowser(hosts);

        var landed = await browser.SignInAsync(user, startAt: "/People");

        Assert.Equal("/NoRights", ConsoleBrowser.PathOf(landed));
        var page = await HtmlPage.ReadAsync(landed);
        Assert.Contains("no administrative rights", page.Text, StringComparison.Ordinal);
        Assert.Contains("ask your organization's primary administrator", page.Text, StringComparison.Ordinal);
        Assert.False(page.Has("nav[aria-label='Administration']"));
        foreach (var url in new[] { "/", "/Invitations", $"/Organizations/Edit/{organization.Id}", "/Registrations" })
        {
            Assert.Equal("/NoRights", ConsoleBrowser.PathOf(await browser.GetAsync(url)));
        }
    }

    [Fact]
    public async Task Pages_carry_the_sign_in_pages_security_headers_and_a_host_prefixed_session_cookie()
    {
        var administrator = await hosts.PersonAsync(AdministrativeRole.PlatformAdministrator, organizationId: null);
        var browser = new ConsoleBrowser(hosts);

        var home = await browser.SignInAsync(administrator);

        Assert.Equal(IdentityHub.Hosting.SecurityHeaderPolicy.ContentSecurityPolicy, home.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", home.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", home.Headers.GetValues("X-Content-Type-Options").Single());
        // The session may be cut into chunks (__Host-IdentityHub.Admin.ConsoleC1, ...): every one is HttpOnly and Secure.
        var session = browser.ConsoleCookies.GetCookies(AdminHosts.ConsoleBase).Where(cookie => cookie.Name.StartsWith("__Host-IdentityHub.Admin.Console", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(session);
        Assert.All(session, cookie => Assert.True(cookie.HttpOnly && cookie.Secure && cookie.Path == "/", cookie.Name));
    }

    [Fact]
    public async Task Signing_out_ends_the_console_session_and_goes_to_the_token_servers_end_session_endpoint()
    {
        var administrator = await hosts.PersonAsync(AdministrativeRole.PlatformAdministrator, organizationId: null);
        var browser = new ConsoleBrowser(hosts);
        await browser.SignInAsync(administrator);

        var signOut = await browser.SubmitAsync("/", "sign-out");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("localhost", signOut.Headers.Location!.Host);
        Assert.Equal("/connect/endsession", signOut.Headers.Location.AbsolutePath);
        Assert.DoesNotContain(browser.ConsoleCookies.GetCookies(AdminHosts.ConsoleBase), cookie => cookie.Name.StartsWith("__Host-IdentityHub.Admin.Console", StringComparison.Ordinal));
        var again = await browser.Console.GetAsync("/People");
        Assert.Equal("/connect/authorize", again.Headers.Location!.AbsolutePath);
    }
}
