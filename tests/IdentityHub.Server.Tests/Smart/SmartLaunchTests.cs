using System.Net;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Server.Tests.Protocol;

namespace IdentityHub.Server.Tests.Smart;

/// <summary>
/// A member connects a SMART app (P13): the launch with aud and SMART scopes, consent per scope that can be narrowed,
/// the patient in context (token response, access token, after refresh), fhirUser in the ID token, and an account
/// with no health record refused.
/// </summary>
public sealed class SmartLaunchTests(SmartApp fixture) : IClassFixture<SmartApp>
{
    private readonly IdentityHubApp app = fixture.App;

    [Fact]
    public async Task A_member_unticks_a_scope_and_the_app_gets_the_rest_with_the_patient_in_context()
    {
        var (browser, _) = await MemberAsync("pat-1001");
        var request = SmartApp.Launch();

        var toConsent = await browser.AuthorizeAsync(request);
        Assert.True(Browser.IsRedirectTo(toConsent, "/connect/consent"), toConsent.Headers.Location?.ToString());
        var consentUrl = toConsent.Headers.Location!.OriginalString;
        var page = HtmlPage.Parse(await (await browser.GetAsync(consentUrl)).Content.ReadAsStringAsync());
        Assert.Equal("Made by Example Health Apps, Inc.", page.TextAt("#publisher"));
        var boxes = page.Document.QuerySelectorAll("#scopes label").Select(label => label.QuerySelector("span")!.TextContent.Trim()).ToList();
        Assert.Contains("Your lab results and vital signs (Observation): read and search", boxes);
        Assert.Contains("Your health conditions (Condition): read and search", boxes);
        // openid and launch/patient cannot be unticked: the launch needs them.
        Assert.All(page.Document.QuerySelectorAll("#scopes input[disabled]"), box => Assert.Contains(box.GetAttribute("value"), new[] { "openid", "launch/patient" }));
        Assert.Equal(2, page.Document.QuerySelectorAll("#scopes input[disabled]").Length);

        var allowed = await browser.SubmitTickedAsync(consentUrl, new Dictionary<string, string> { ["decision"] = "allow" }, "patient/Condition.rs");
        var tokens = (await Client().RedeemAsync(AuthorizationResult.From(await browser.FollowAsync(allowed), request))).EnsureSuccess();

        Assert.Equal("pat-1001", tokens.Json.GetProperty("patient").GetString());
        var scopes = tokens.Json.GetProperty("scope").GetString()!.Split(' ');
        Assert.Contains("patient/Observation.rs", scopes);
        Assert.DoesNotContain("patient/Condition.rs", scopes);
        var access = tokens.ReadAccessToken();
        Assert.Equal([SmartApp.FhirBaseUrl], access.Audiences);
        Assert.Equal("pat-1001", access.GetClaim("patient").Value);
        Assert.DoesNotContain("patient/Condition.rs", access.GetClaim("scope").Value.Split(' '));
        Assert.Equal(SmartApp.FhirBaseUrl + "/Patient/pat-1001", tokens.ReadIdToken().GetClaim("fhirUser").Value);
        Assert.False(tokens.ReadIdToken().TryGetClaim("patient", out _), "The patient id is for the FHIR API, not the ID token.");
    }

    [Fact]
    public async Task The_next_launch_asks_nothing_and_a_new_scope_asks_again()
    {
        var (browser, _) = await MemberAsync("pat-1002");
        var narrow = SmartApp.Launch("openid launch/patient patient/Observation.rs");
        var consentUrl = (await browser.AuthorizeAsync(narrow)).Headers.Location!.OriginalString;
        await browser.SubmitTickedAsync(consentUrl, new Dictionary<string, string> { ["decision"] = "allow" }, "patient/Observation.rs");

        // Asked before, declined before: straight back with a code, still without the declined scope.
        var again = SmartApp.Launch("openid launch/patient patient/Observation.rs");
        var code = AuthorizationResult.From(await browser.AuthorizeAsync(again), again);
        var tokens = (await Client().RedeemAsync(code)).EnsureSuccess();
        Assert.DoesNotContain("patient/Observation.rs", tokens.Json.GetProperty("scope").GetString()!.Split(' '));

        // A scope the member was never asked about brings the page back, listing it.
        var wider = SmartApp.Launch("openid launch/patient patient/Observation.rs patient/Condition.rs");
        var asked = await browser.AuthorizeAsync(wider);
        Assert.True(Browser.IsRedirectTo(asked, "/connect/consent"), asked.Headers.Location?.ToString());
        var allowed = await browser.SubmitTickedAsync(asked.Headers.Location!.OriginalString, new Dictionary<string, string> { ["decision"] = "allow" });
        var widened = (await Client().RedeemAsync(AuthorizationResult.From(await browser.FollowAsync(allowed), wider))).EnsureSuccess();
        Assert.Contains("patient/Condition.rs", widened.Json.GetProperty("scope").GetString()!.Split(' '));
        Assert.Contains("patient/Observation.rs", widened.Json.GetProperty("scope").GetString()!.Split(' '));

        // prompt=consent shows the page even though everything was asked.
        var prompted = SmartApp.Launch("openid launch/patient patient/Observation.rs") with { Extra = new Dictionary<string, string> { ["aud"] = SmartApp.FhirBaseUrl, ["prompt"] = "consent" } };
        Assert.True(Browser.IsRedirectTo(await browser.AuthorizeAsync(prompted), "/connect/consent"));
    }

    [Fact]
    public async Task The_consent_is_audited_with_the_granted_and_declined_scopes()
    {
        var (browser, user) = await MemberAsync("pat-1003");
        var consentUrl = (await browser.AuthorizeAsync(SmartApp.Launch())).Headers.Location!.OriginalString;

        await browser.SubmitTickedAsync(consentUrl, new Dictionary<string, string> { ["decision"] = "allow" }, "patient/Condition.rs", "offline_access");

        var granted = Assert.Single(await fixture.EventsAsync(user.Id, "consent.granted"));
        Assert.Equal(
            "granted openid fhirUser launch/patient patient/Patient.rs patient/Observation.rs; declined offline_access patient/Condition.rs; remembered until revoked",
            granted.Detail);
    }

    [Fact]
    public async Task An_aud_that_is_not_the_FHIR_API_is_refused_and_a_trailing_slash_is_not()
    {
        var (browser, _) = await MemberAsync("pat-1004");

        // Refused on IdentityHub's error page, like every request OpenIddict's checks refuse: no code leaves for a
        // token meant for another server.
        var wrong = SmartApp.Launch(aud: "https://fhir.elsewhere.test/r4");
        await ErrorPage.AssertRefusedAsync(await browser.AuthorizeAsync(wrong), "invalid_request", $"The 'aud' parameter must be this plan's FHIR API, {SmartApp.FhirBaseUrl}.");

        var slash = SmartApp.Launch(aud: SmartApp.FhirBaseUrl + "/");
        Assert.True(Browser.IsRedirectTo(await browser.AuthorizeAsync(slash), "/connect/consent"));
    }

    [Fact]
    public async Task An_account_without_a_health_record_is_told_so_and_the_app_gets_access_denied()
    {
        var user = await app.CreateUserAsync("smart-" + Guid.NewGuid().ToString("N")[..6]);
        var browser = app.NewBrowser();
        await browser.SignInAsync(user.UserName!);
        var request = SmartApp.Launch();

        var consentUrl = (await browser.AuthorizeAsync(request)).Headers.Location!.OriginalString;
        var page = HtmlPage.Parse(await (await browser.GetAsync(consentUrl)).Content.ReadAsStringAsync());
        Assert.Equal("Your account is not linked to your health records", page.TextAt("h1"));
        Assert.Null(page.Document.QuerySelector("#allow"));

        var back = await browser.SubmitAsync(consentUrl, new Dictionary<string, string> { ["decision"] = "deny" });
        var result = AuthorizationResult.From(await browser.FollowAsync(back), request);
        Assert.Equal("access_denied", result.Error);
        Assert.Contains("not linked", result.Parameters["error_description"]);
    }

    [Fact]
    public async Task A_system_scope_is_refused_at_the_authorization_endpoint()
    {
        var client = await app.RegisterClientAsync(new IdentityHub.Administration.Clients.ClientMetadata
        {
            ClientName = "Both grants",
            GrantTypes = ["authorization_code", "client_credentials"],
            RedirectUris = [TestClients.RedirectUri],
            Scope = "openid patient/Patient.rs system/Patient.rs",
        });
        var (browser, _) = await MemberAsync("pat-1005");
        var request = new AuthorizationRequest { ClientId = client.ClientId, Scope = "openid system/Patient.rs", Extra = new Dictionary<string, string> { ["aud"] = SmartApp.FhirBaseUrl } };

        await ErrorPage.AssertRefusedAsync(await browser.AuthorizeAsync(request), "invalid_scope",
            "'system/Patient.rs' is a system scope: it is for the client_credentials grant (SMART Backend Services) only.");
    }

    [Fact]
    public async Task A_first_party_portal_with_the_member_scope_learns_the_member_and_patient_ids_without_consent()
    {
        var user = await app.CreateUserAsync("smart-" + Guid.NewGuid().ToString("N")[..6]);
        await fixture.LinkAsync(user.Id, "M77001", "pat-3001");
        var request = new AuthorizationRequest { ClientId = SmartApp.PlanPortal, Scope = "openid member" };

        var authorization = await app.NewBrowser().CodeFlowAsync(user.UserName!, request);
        var tokens = (await TokenClient.For(app, SmartApp.PlanPortal).RedeemAsync(authorization)).EnsureSuccess();

        Assert.Equal("M77001", tokens.ReadIdToken().GetClaim("member_id").Value);
        Assert.Equal("pat-3001", tokens.ReadIdToken().GetClaim("patient").Value);
        Assert.Equal("M77001", tokens.ReadAccessToken().GetClaim("member_id").Value);
        Assert.False(tokens.Json.TryGetProperty("patient", out _), "Without launch/patient the token response names no patient.");
    }

    private TokenClient Client() => TokenClient.For(app, SmartApp.MemberApp);

    private async Task<(Browser Browser, Data.Users.IdentityHubUser User)> MemberAsync(string patientId)
    {
        var user = await app.CreateUserAsync("smart-" + Guid.NewGuid().ToString("N")[..6]);
        await fixture.LinkAsync(user.Id, "M" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), patientId);
        var browser = app.NewBrowser();
        await browser.SignInAsync(user.UserName!);
        return (browser, user);
    }
}
