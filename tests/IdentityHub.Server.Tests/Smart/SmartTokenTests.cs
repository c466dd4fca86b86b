using System.Security.Cryptography;
using IdentityHub.Administration;
using IdentityHub.Administration.Clients;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Server.Tests.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Server.Tests.Smart;

/// <summary>
/// SMART tokens over time and without a person: a 90-day app refreshes for months with the patient kept, the member
/// takes access back on the connected-apps page and the refresh token stops at once, and a partner's backend
/// (client_credentials with private_key_jwt) gets system scopes for the FHIR API.
/// </summary>
public sealed class SmartTokenTests(SmartApp fixture) : IClassFixture<SmartApp>
{
    private readonly IdentityHubApp app = fixture.App;

    [Fact]
    public async Task A_90_day_app_refreshes_at_day_60_with_the_patient_and_stops_when_the_member_disconnects_it()
    {
        var user = await app.CreateUserAsync("smart-" + Guid.NewGuid().ToString("N")[..6]);
        await fixture.LinkAsync(user.Id, "M" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), "pat-2001");
        var browser = app.NewBrowser();
        await browser.SignInAsync(user.UserName!);
        var request = SmartApp.Launch();
        var consentUrl = (await browser.AuthorizeAsync(request)).Headers.Location!.OriginalString;
        var allowed = await browser.SubmitTickedAsync(consentUrl, new Dictionary<string, string> { ["decision"] = "allow" });
        var client = TokenClient.For(app, SmartApp.MemberApp);
        var tokens = (await client.RedeemAsync(AuthorizationResult.From(await browser.FollowAsync(allowed), request))).EnsureSuccess();

        app.Clock.Advance(TimeSpan.FromDays(60));
        var refreshed = (await client.RefreshAsync(tokens.RefreshToken)).EnsureSuccess();
        Assert.Equal("pat-2001", refreshed.Json.GetProperty("patient").GetString());
        Assert.Equal("pat-2001", refreshed.ReadAccessToken().GetClaim("patient").Value);
        Assert.Equal([SmartApp.FhirBaseUrl], refreshed.ReadAccessToken().Audiences);

        // The member's own sign-in ended long ago (the app's refresh token outlives it); they sign in to disconnect the app.
        browser = app.NewBrowser();
        await browser.SignInAsync(user.UserName!);
        var html = await (await browser.GetAsync("/account/apps")).Content.ReadAsStringAsync();
        var listed = HtmlPage.Parse(html);
        Assert.Contains("Health Diary", listed.Text);
        Assert.Contains("Your lab results and vital signs (Observation): read and search", listed.Text);
        var authorizationId = listed.Document.QuerySelector("input[name=authorizationId]")!.GetAttribute("value")!;
        await browser.PostPageFormAsync(html, "/account/apps?handler=Disconnect", new Dictionary<string, string> { ["authorizationId"] = authorizationId });

        Assert.Equal("invalid_grant", (await client.RefreshAsync(refreshed.RefreshToken)).Error);
    }

    [Fact]
    public async Task The_plan_lists_a_members_connected_apps_and_disconnecting_one_stops_its_refresh_token()
    {
        var user = await app.CreateUserAsync("smart-" + Guid.NewGuid().ToString("N")[..6]);
        await fixture.LinkAsync(user.Id, "M" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), "pat-2002");
        var browser = app.NewBrowser();
        await browser.SignInAsync(user.UserName!);
        var request = SmartApp.Launch();
        var consentUrl = (await browser.AuthorizeAsync(request)).Headers.Location!.OriginalString;
        var allowed = await browser.SubmitTickedAsync(consentUrl, new Dictionary<string, string> { ["decision"] = "allow" }, "patient/Condition.rs");
        var client = TokenClient.For(app, SmartApp.MemberApp);
        var tokens = (await client.RedeemAsync(AuthorizationResult.From(await browser.FollowAsync(allowed), request))).EnsureSuccess();

        await using var scope = app.Services.CreateAsyncScope();
        var apps = scope.ServiceProvider.GetRequiredService<IdentityHub.Administration.People.PersonConnectedApps>();
        var listed = Assert.Single(Assert.IsType<AdminResult<IReadOnlyList<IdentityHub.Administration.People.ConnectedAppView>>.Done>(await apps.ListAsync(RegisteredClients.Platform, user.Id)).Value);
        Assert.Equal((SmartApp.MemberApp, "Health Diary"), (listed.ClientId, listed.Name));
        Assert.DoesNotContain("patient/Condition.rs", listed.Scopes);
        var organizationAdministrator = new AdminCaller("org-admin", Core.Organizations.AdministrativeRole.PrimaryAdministrator, "some-organization");
        Assert.IsType<AdminResult<IdentityHub.Administration.People.ConnectedAppView>.NotFound>(await apps.RevokeAsync(organizationAdministrator, user.Id, listed.AuthorizationId));

        Assert.IsType<AdminResult<IdentityHub.Administration.People.ConnectedAppView>.Done>(await apps.RevokeAsync(RegisteredClients.Platform, user.Id, listed.AuthorizationId));

        Assert.Equal("invalid_grant", (await client.RefreshAsync(tokens.RefreshToken)).Error);
        var revoked = Assert.Single(await fixture.EventsAsync(user.Id, "consent.revoked"));
        Assert.EndsWith("by the plan", revoked.Detail);
    }

    [Fact]
    public async Task A_partner_backend_signs_in_with_its_key_and_gets_system_scopes_for_the_FHIR_API()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var partner = await app.RegisterClientAsync(new ClientMetadata
        {
            ClientName = "Plan partner",
            GrantTypes = ["client_credentials"],
            Scope = "system/Patient.rs system/ExplanationOfBenefit.rs",
            TokenEndpointAuthMethod = "private_key_jwt",
            Jwks = RegisteredClients.JwksOf(key),
        });

        var response = await new TokenClient(app.CreateClient(), partner.ClientId).PostAsync("/connect/token", new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = app.Assertion(partner.ClientId, key, algorithm: "ES384"),
            ["scope"] = "system/Patient.rs",
        });

        var access = response.EnsureSuccess().ReadAccessToken();
        Assert.Equal([SmartApp.FhirBaseUrl], access.Audiences);
        Assert.Equal("system/Patient.rs", access.GetClaim("scope").Value);
        Assert.False(access.TryGetClaim("patient", out _));
        Assert.False(response.Json.TryGetProperty("patient", out _));
    }

    [Fact]
    public async Task Patient_scopes_are_refused_for_client_credentials_and_system_scopes_for_a_sign_in()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var registry = scope.ServiceProvider.GetRequiredService<ClientRegistry>();

        var backend = await registry.CreateAsync(RegisteredClients.Platform, new ClientMetadata
        {
            ClientName = "Backend", GrantTypes = ["client_credentials"], Scope = "patient/Patient.rs",
        });
        var app2 = await registry.CreateAsync(RegisteredClients.Platform, new ClientMetadata
        {
            ClientName = "App", RedirectUris = [TestClients.RedirectUri], Scope = "openid system/Patient.rs",
        });
        var unknown = await registry.CreateAsync(RegisteredClients.Platform, new ClientMetadata
        {
            ClientName = "App", RedirectUris = [TestClients.RedirectUri], Scope = "openid patient/Observation.read",
        });

        Assert.Contains("authorization_code", Assert.Single(Assert.IsType<AdminResult<ClientView>.Invalid>(backend).Problems["scope"]));
        Assert.Contains("client_credentials", Assert.Single(Assert.IsType<AdminResult<ClientView>.Invalid>(app2).Problems["scope"]));
        Assert.Contains("v2 scope", Assert.Single(Assert.IsType<AdminResult<ClientView>.Invalid>(unknown).Problems["scope"]));
    }
}
