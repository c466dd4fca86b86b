using System.Net;
using IdentityHub.Admin.Tests.Api;
using IdentityHub.Core.Organizations;
using IdentityHub.Data.Users;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Admin.Tests.Console;

/// <summary>
/// Registering clients in the console (P6, P7): a platform administrator registers a portal or an integration
/// through a form in plain words and sees its secret once, in the answer; mistakes are named at their fields; an
/// edit after someone else's says so; secrets are replaced with an overlap; clients are deleted after a question;
/// initial access tokens are issued (shown once) and revoked. Nobody outside the plan's staff finds these pages.
/// </summary>
public sealed class ClientsConsoleTests(AdminHosts hosts) : IClassFixture<AdminHosts>
{
    [Fact]
    public async Task A_platform_administrator_registers_a_back_end_integration_sees_the_secret_once_and_it_gets_tokens()
    {
        var (browser, platform) = await PlatformAdministratorAsync();
        var name = "Claims batch " + Guid.NewGuid().ToString("N")[..6];

        var list = await HtmlPage.ReadAsync(await browser.GetAsync("/Clients"));
        Assert.Equal("/Clients", list.One("#nav-clients").GetAttribute("href"));
        Assert.Equal("/Clients/New", list.One("#register-client").GetAttribute("href"));
        var answer = await browser.SubmitAsync("/Clients/New", "register-client", new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.Kind"] = "integration",
            ["Input.Scopes"] = TestClients.ApiScope,
            ["Input.AccessTokenMinutes"] = "5",
        });

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.True(answer.Headers.CacheControl?.NoStore, "The page showing a secret must not be stored.");
        var page = await HtmlPage.ReadAsync(answer);
        var clientId = page.TextAt("#shown-client-id");
        var secret = page.TextAt("#shown-secret");
        Assert.Contains($"The client {name} is registered.", page.TextAt("#outcome"), StringComparison.Ordinal);
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}$", page.TextAt("#reference"));
        Assert.Contains("Copy it now: it will not be shown again", page.TextAt("#secret-warning"), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, answer.RequestMessage!.RequestUri!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(browser.ConsoleCookies.GetAllCookies(), cookie => cookie.Value.Contains(secret, StringComparison.Ordinal));

        var token = (await TokenClient.For(hosts.TokenServer, clientId, secret).ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess();
        Assert.InRange(token.Json.GetProperty("expires_in").GetInt32(), 290, 300); // five minutes (the default is an hour), less the time the request took

        var details = await HtmlPage.ReadAsync(await browser.GetAsync($"/Clients/{clientId}"));
        Assert.Equal(clientId, details.TextAt("#client-id"));
        Assert.StartsWith("Back-end integration", details.TextAt("#client-kind"), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, details.Text, StringComparison.Ordinal);
        var listed = await HtmlPage.ReadAsync(await browser.GetAsync("/Clients"));
        Assert.Equal(name, listed.TextAt($"[id='client-{clientId}'] th"));
        Assert.Equal("Confidential (with a secret)", listed.TextAt($"[id='client-{clientId}'] td:nth-of-type(2)"));
        Assert.True(await hosts.InDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Event == "client.created" && e.ActorId == platform.Id)));
    }

    [Fact]
    public async Task A_web_portal_registered_through_the_form_signs_people_in_with_a_secret_and_refresh_tokens()
    {
        var (browser, _) = await PlatformAdministratorAsync();
        var (api, _) = await hosts.SignedInAsync(AdministrativeRole.PlatformAdministrator, null);

        var page = await HtmlPage.ReadAsync(await browser.SubmitAsync("/Clients/New", "register-client", new Dictionary<string, string>
        {
            ["Input.Name"] = "Member portal",
            ["Input.RedirectUris"] = "https://members.example.org/signin-oidc\r\nhttps://members.example.org/other",
            ["Input.SignOutUris"] = "https://members.example.org/",
            ["Input.BackChannelLogoutUri"] = "https://members.example.org/backchannel",
            ["Input.RequirePar"] = "true",
            ["Input.Assurance"] = "passkey",
            ["Input.MaxSignInAgeMinutes"] = "60",
            ["Input.RefreshIdleHours"] = "12",
            ["Input.RefreshAbsoluteDays"] = "7",
            ["Input.HelpDeskPhone"] = "1-800-555-0100",
            ["Input.AllowSelfRegistration"] = "true",
        }));

        var clientId = page.TextAt("#shown-client-id");
        Assert.StartsWith("app-", clientId, StringComparison.Ordinal);
        Assert.NotEmpty(page.TextAt("#shown-secret"));
        var metadata = (await (await api.GetAsync($"/api/v1/clients/{clientId}")).JsonAsync(HttpStatusCode.OK)).GetProperty("metadata");
        Assert.Equal("client_secret_basic", metadata.GetProperty("token_endpoint_auth_method").GetString());
        Assert.Equal(["authorization_code", "refresh_token"], metadata.GetProperty("grant_types").EnumerateArray().Select(g => g.GetString()!).Order());
        Assert.Equal(2, metadata.GetProperty("redirect_uris").GetArrayLength());
        Assert.Equal("https://members.example.org/backchannel", metadata.GetProperty("backchannel_logout_uri").GetString());
        Assert.True(metadata.GetProperty("require_pushed_authorization_requests").GetBoolean());
        Assert.Equal("aal3", metadata.GetProperty("default_acr_values")[0].GetString());
        Assert.Equal(3600, metadata.GetProperty("default_max_age").GetInt32());
        Assert.Equal(12 * 3600, metadata.GetProperty("refresh_token_lifetime").GetInt32());
        Assert.Equal(7 * 86_400, metadata.GetProperty("refresh_token_absolute_lifetime").GetInt32());
        Assert.Equal("openid profile email phone offline_access", metadata.GetProperty("scope").GetString());
        Assert.True(metadata.GetProperty("allow_self_registration").GetBoolean());
    }

    [Fact]
    public async Task A_mistake_is_named_at_its_field_and_nothing_is_registered()
    {
        var (browser, _) = await PlatformAdministratorAsync();
        var name = "Mistaken " + Guid.NewGuid().ToString("N")[..6];

        var answer = await browser.SubmitAsync("/Clients/New", "register-client", new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.RedirectUris"] = "http://portal.example.org/signin-oidc",
            ["Input.AccessTokenMinutes"] = "soon",
        });

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var page = await HtmlPage.ReadAsync(answer);
        var links = page.All("#error-summary a").Select(link => link.GetAttribute("href")).ToList();
        Assert.Contains("#Input_RedirectUris", links);
        Assert.Contains("#Input_AccessTokenMinutes", links);
        Assert.Contains("uses http; only https is allowed", page.TextAt("#redirect-uris-error"), StringComparison.Ordinal);
        Assert.Equal("Enter a whole number from 1 to 1440.", page.TextAt("#access-token-error"));
        Assert.Equal(name, page.One("#Input_Name").GetAttribute("value"));
        Assert.False(page.Has("#shown-secret"));
        Assert.False(await hosts.InDatabaseAsync(db => db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication>().AnyAsync(a => a.DisplayName == name)));

        var spanish = new ConsoleBrowser(hosts, "es-US,es;q=0.9");
        await spanish.SignInAsync(await hosts.PersonAsync(AdministrativeRole.PlatformAdministrator, organizationId: null));
        var enSpanol = await HtmlPage.ReadAsync(await spanish.SubmitAsync("/Clients/New", "register-client", new Dictionary<string, string> { ["Input.AccessTokenMinutes"] = "0" }));
        Assert.Equal("Registrar un cliente", enSpanol.TextAt("h1"));
        Assert.Equal("Escriba un número entero del 1 al 1440.", enSpanol.TextAt("#access-token-error"));
    }

    [Fact]
    public async Task An_edit_saved_after_someone_elses_says_so_and_shows_the_current_registration()
    {
        var (browser, _) = await PlatformAdministratorAsync();
        var clientId = await RegisterIntegrationAsync(browser, "Eligibility feed");
        var editUrl = $"/Clients/{clientId}/Edit";
        var opened = await (await browser.GetAsync(editUrl)).Content.ReadAsStringAsync();

        var saved = await browser.FollowAsync(await browser.SubmitAsync(editUrl, "save-client", new Dictionary<string, string> { ["Input.Name"] = "Eligibility feed (nightly)" }));
        var details = await HtmlPage.ReadAsync(saved);
        Assert.Equal($"/Clients/{clientId}", ConsoleBrowser.PathOf(saved));
        Assert.Contains("The client Eligibility feed (nightly) is saved.", details.TextAt("#outcome"), StringComparison.Ordinal);

        var stale = await browser.PostFormOnAsync(opened, editUrl, "save-client", new Dictionary<string, string> { ["Input.Name"] = "Eligibility feed (hourly)" });

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await HtmlPage.ReadAsync(stale);
        Assert.Contains("Someone else changed this while you were looking at it", page.TextAt("#stale"), StringComparison.Ordinal);
        Assert.Equal("Eligibility feed (nightly)", page.One("#Input_Name").GetAttribute("value"));
        Assert.Equal("Eligibility feed (nightly)", (await HtmlPage.ReadAsync(await browser.GetAsync($"/Clients/{clientId}"))).TextAt("h1"));
    }

    [Fact]
    public async Task A_new_secret_is_shown_once_and_the_previous_one_works_for_the_overlap_chosen()
    {
        var (browser, _) = await PlatformAdministratorAsync();
        var (clientId, first) = await RegisterIntegrationWithSecretAsync(browser, "Claims export");

        var answer = await browser.SubmitAsync($"/Clients/{clientId}/Secret", "issue-secret", new Dictionary<string, string> { ["OverlapDays"] = "1" });

        Assert.True(answer.Headers.CacheControl?.NoStore);
        var page = await HtmlPage.ReadAsync(answer);
        var second = page.TextAt("#shown-secret");
        Assert.NotEqual(first, second);
        Assert.Contains("Claims export has a new secret.", page.TextAt("#outcome"), StringComparison.Ordinal);
        Assert.StartsWith("The previous secret keeps working until", page.TextAt("#overlap-outcome"), StringComparison.Ordinal);
        (await TokenClient.For(hosts.TokenServer, clientId, second).ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess();
        (await TokenClient.For(hosts.TokenServer, clientId, first).ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess();
        Assert.True((await HtmlPage.ReadAsync(await browser.GetAsync($"/Clients/{clientId}"))).Has("#previous-secret"));

        hosts.TokenServer.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        Assert.Equal("invalid_client", (await TokenClient.For(hosts.TokenServer, clientId, first).ClientCredentialsAsync(TestClients.ApiScope)).Error);
        (await TokenClient.For(hosts.TokenServer, clientId, second).ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess();
    }

    [Fact]
    public async Task A_new_secret_after_the_fresh_sign_in_window_asks_to_sign_in_again_first()
    {
        var (browser, platform) = await PlatformAdministratorAsync();
        var (clientId, first) = await RegisterIntegrationWithSecretAsync(browser, "Provider directory sync");
        var open = await (await browser.GetAsync($"/Clients/{clientId}/Secret")).Content.ReadAsStringAsync();

        hosts.TokenServer.Clock.Advance(TimeSpan.FromMinutes(11));
        var refused = await browser.PostFormOnAsync(open, $"/Clients/{clientId}/Secret", "issue-secret");

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal(("localhost", "/connect/authorize"), (refused.Headers.Location!.Host, refused.Headers.Location.AbsolutePath));
        (await TokenClient.For(hosts.TokenServer, clientId, first).ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess();
        Assert.False(await hosts.InDatabaseAsync(db => db.AuditEvents.AnyAsync(e => e.Event == "client.secret_rotated" && e.ActorId == platform.Id)));

        // The console pushes its request (PAR), prompt=login inside: the token server asks for the password although its session is alive.
        var back = await browser.SignInAtServerAsync(await browser.FollowAsync(refused), platform);
        Assert.Equal($"/Clients/{clientId}/Secret", ConsoleBrowser.PathOf(back));
    }

    [Fact]
    public async Task Deleting_asks_first_and_the_client_stops_working()
    {
        var (browser, _) = await PlatformAdministratorAsync();
        var (clientId, secret) = await RegisterIntegrationWithSecretAsync(browser, "Retired feed");

        var question = await HtmlPage.ReadAsync(await browser.GetAsync($"/Clients/{clientId}/Delete"));
        Assert.Equal("Delete the client Retired feed?", question.TextAt("h1"));
        var deleted = await browser.FollowAsync(await browser.SubmitAsync($"/Clients/{clientId}/Delete", "delete-client"));

        Assert.Equal("/Clients", ConsoleBrowser.PathOf(deleted));
        var list = await HtmlPage.ReadAsync(deleted);
        Assert.Contains($"The client Retired feed ({clientId}) is deleted.", list.TextAt("#outcome"), StringComparison.Ordinal);
        Assert.False(list.Has($"[id='client-{clientId}']"));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Clients/{clientId}")).StatusCode);
        Assert.Equal("invalid_client", (await TokenClient.For(hosts.TokenServer, clientId, secret).ClientCredentialsAsync(TestClients.ApiScope)).Error);
    }

    [Fact]
    public async Task An_organizations_administrator_has_no_clients_menu_and_finds_no_client_page()
    {
        var organization = await hosts.OrganizationAsync("Birch Street Clinic");
        var administrator = await hosts.PersonAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        var browser = new ConsoleBrowser(hosts);
        var home = await HtmlPage.ReadAsync(await browser.SignInAsync(administrator));

        Assert.False(home.Has("#nav-clients"));
        foreach (var url in new[] { "/Clients", "/Clients/New", $"/Clients/{TestClients.Portal}", $"/Clients/{TestClients.Portal}/Edit", $"/Clients/{TestClients.Portal}/Secret", $"/Clients/{TestClients.Portal}/Delete", "/Clients/Tokens", "/Clients/Tokens/Issue" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(url)).StatusCode);
        }

        var (staff, _) = await PlatformAdministratorAsync();
        var configured = await HtmlPage.ReadAsync(await staff.GetAsync($"/Clients/{TestClients.Portal}"));
        Assert.Equal("Configuration", configured.TextAt("#client-origin"));
        Assert.Contains("applied again whenever the token server starts", configured.TextAt("#from-configuration"), StringComparison.Ordinal);
        var form = await (await staff.GetAsync("/Clients/New")).Content.ReadAsStringAsync();
        var forged = await browser.PostFormOnAsync(form, "/Clients/New", "register-client", new Dictionary<string, string> { ["Input.Name"] = "Forged", ["Input.Kind"] = "integration" });
        Assert.NotEqual(HttpStatusCode.OK, forged.StatusCode);
        Assert.False(await hosts.InDatabaseAsync(db => db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication>().AnyAsync(a => a.DisplayName == "Forged")));
    }

    [Fact]
    public async Task A_platform_administrator_issues_an_initial_access_token_shown_once_and_revokes_it()
    {
        var (browser, _) = await PlatformAdministratorAsync();
        var description = "Acme sandbox " + Guid.NewGuid().ToString("N")[..6];
        var tokens = await HtmlPage.ReadAsync(await browser.GetAsync("/Clients/Tokens"));
        Assert.Equal("/Clients/Tokens/Issue", tokens.One("#issue-token").GetAttribute("href"));

        var mistaken = await HtmlPage.ReadAsync(await browser.SubmitAsync("/Clients/Tokens/Issue", "issue-token", new Dictionary<string, string>
        {
            ["Input.Description"] = description,
            ["Input.RedirectHosts"] = "*.acme.example.org",
        }));
        Assert.Contains("#Input_RedirectHosts", mistaken.All("#error-summary a").Select(link => link.GetAttribute("href")));
        Assert.Contains("is not a host name", mistaken.TextAt("#hosts-error"), StringComparison.Ordinal);

        var answer = await browser.SubmitAsync("/Clients/Tokens/Issue", "issue-token", new Dictionary<string, string>
        {
            ["Input.Description"] = description,
            ["Input.MaxUses"] = "2",
            ["Input.RedirectHosts"] = "acme.example.org",
            ["Input.Scopes"] = TestClients.ApiScope,
        });
        Assert.True(answer.Headers.CacheControl?.NoStore);
        var issued = await HtmlPage.ReadAsync(answer);
        Assert.StartsWith("iat_", issued.TextAt("#shown-secret"), StringComparison.Ordinal);
        Assert.Contains("it will not be shown again", issued.TextAt("#secret-warning"), StringComparison.Ordinal);
        var row = await hosts.InDatabaseAsync(db => db.InitialAccessTokens.SingleAsync(t => t.Description == description));
        Assert.Contains("acme.example.org", row.Policy, StringComparison.Ordinal);
        Assert.Contains(TestClients.ApiScope, row.Policy, StringComparison.Ordinal);

        var listed = await HtmlPage.ReadAsync(await browser.GetAsync("/Clients/Tokens"));
        Assert.Equal(description, listed.TextAt($"#token-{row.Id} th"));
        Assert.Equal("0 of 2", listed.TextAt($"#token-{row.Id} td:nth-of-type(3)"));
        Assert.Equal("Can be used", listed.TextAt($"#token-{row.Id} td:nth-of-type(4)"));
        Assert.DoesNotContain(issued.TextAt("#shown-secret"), listed.Text, StringComparison.Ordinal);

        var question = await HtmlPage.ReadAsync(await browser.GetAsync($"/Clients/Tokens/Revoke/{row.Id}"));
        Assert.Equal($"Revoke the token “{description}”?", question.TextAt("h1"));
        var revoked = await HtmlPage.ReadAsync(await browser.FollowAsync(await browser.SubmitAsync($"/Clients/Tokens/Revoke/{row.Id}", "revoke-token")));

        Assert.Contains($"The token “{description}” is revoked.", revoked.TextAt("#outcome"), StringComparison.Ordinal);
        Assert.StartsWith("Revoked on", revoked.TextAt($"#token-{row.Id} td:nth-of-type(4)"), StringComparison.Ordinal);
        Assert.False(revoked.Has($"#revoke-{row.Id}"));
        Assert.NotNull(await hosts.InDatabaseAsync(db => db.InitialAccessTokens.Where(t => t.Id == row.Id).Select(t => t.RevokedAt).SingleAsync()));
    }

    [Theory]
    [InlineData("/Clients/New")]
    [InlineData("/Clients/" + TestClients.Portal + "/Edit")]
    [InlineData("/Clients/" + TestClients.Portal + "/Secret")]
    [InlineData("/Clients/Tokens/Issue")]
    public async Task Every_field_of_the_client_forms_has_a_label_and_every_id_is_unique(string url)
    {
        var (browser, _) = await PlatformAdministratorAsync();

        var response = await browser.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        var page = HtmlPage.Parse(html);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = page.All("[id]").Select(element => element.Id!).ToList();
        Assert.Empty(ids.GroupBy(id => id).Where(group => group.Count() > 1).Select(group => group.Key));
        var fields = page.All("main input:not([type=hidden]), main textarea, main select");
        Assert.NotEmpty(fields);
        Assert.All(fields, field => Assert.True(page.Has($"label[for='{field.Id}']"), $"{field.GetAttribute("name")} has no label"));
        Assert.All(page.All("main input[type=radio], main input[type=checkbox]").Where(box => box.GetAttribute("name") is not ("Input.ConsentRequired" or "Input.RequirePar" or "Input.RequireDPoP")),
            box => Assert.NotNull(box.Closest("fieldset")?.QuerySelector("legend")));
    }

    private async Task<(ConsoleBrowser Browser, IdentityHubUser Person)> PlatformAdministratorAsync()
    {
        var platform = await hosts.PersonAsync(AdministrativeRole.PlatformAdministrator, organizationId: null);
        var browser = new ConsoleBrowser(hosts);
        await browser.SignInAsync(platform);
        return (browser, platform);
    }

    private async Task<string> RegisterIntegrationAsync(ConsoleBrowser browser, string name) =>
        (await RegisterIntegrationWithSecretAsync(browser, name)).ClientId;

    private static async Task<(string ClientId, string Secret)> RegisterIntegrationWithSecretAsync(ConsoleBrowser browser, string name)
    {
        var page = await HtmlPage.ReadAsync(await browser.SubmitAsync("/Clients/New", "register-client", new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.Kind"] = "integration",
            ["Input.Scopes"] = TestClients.ApiScope,
        }));
        Assert.True(page.Has("#shown-secret"), "Not registered: " + page.Text);
        return (page.TextAt("#shown-client-id"), page.TextAt("#shown-secret"));
    }
}
