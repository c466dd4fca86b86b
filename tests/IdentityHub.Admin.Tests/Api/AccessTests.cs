using System.Net;
using IdentityHub.Core.Organizations;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Admin.Tests.Api;

/// <summary>Who reaches the API: tokens from IdentityHub for the admin scope, and callers the database says administer something.</summary>
public sealed class AccessTests(AdminHosts hosts) : IClassFixture<AdminHosts>
{
    [Fact]
    public async Task Without_a_token_the_api_answers_401()
    {
        var response = await hosts.Api(accessToken: null).GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_the_server_did_not_sign_is_refused()
    {
        var response = await hosts.Api("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.").GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_for_another_api_is_refused()
    {
        var portalToken = (await TokenClient.For(hosts.TokenServer, TestClients.Integration, TestClients.IntegrationSecret).ClientCredentialsAsync(TestClients.ApiScope)).AccessToken;

        var response = await hosts.Api(portalToken).GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_general_user_reaches_no_endpoint()
    {
        var organization = await hosts.OrganizationAsync("Lakeside Family Practice");
        var (api, _) = await hosts.SignedInAsync(AdministrativeRole.GeneralUser, organization.Id);

        foreach (var url in new[] { "/api/v1/me", "/api/v1/people", "/api/v1/organizations", "/api/v1/invitations", $"/api/v1/organizations/{organization.Id}" })
        {
            var problem = await (await api.GetAsync(url)).ProblemAsync(HttpStatusCode.Forbidden);
            Assert.Contains("no administrative rights", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_persons_role_is_read_from_the_database_on_every_request()
    {
        var organization = await hosts.OrganizationAsync("Riverbend Pediatrics");
        var (api, user) = await hosts.SignedInAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        var me = await (await api.GetAsync("/api/v1/me")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("PrimaryAdministrator", me.GetProperty("role").GetString());
        Assert.Equal(organization.Id, me.GetProperty("organizationId").GetString());

        // The same token, after the person was made a general user: refused at once.
        await hosts.PlaceAsync(user.Id, AdministrativeRole.GeneralUser, organization.Id);

        await (await api.GetAsync("/api/v1/me")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_service_acts_with_the_rights_registered_for_it()
    {
        var token = await hosts.ServiceTokenAsync(TestClients.Integration, TestClients.IntegrationSecret);

        var me = await (await hosts.Api(token).GetAsync("/api/v1/me")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("client:" + TestClients.Integration, me.GetProperty("id").GetString());
        Assert.Equal("PlatformAdministrator", me.GetProperty("role").GetString());
    }

    [Fact]
    public async Task A_service_without_registered_rights_is_refused()
    {
        var token = await hosts.ServiceTokenAsync(AdminHosts.UnregisteredService, AdminHosts.UnregisteredServiceSecret);

        await (await hosts.Api(token).GetAsync("/api/v1/organizations")).ProblemAsync(HttpStatusCode.Forbidden);
    }
}
