using System.Net;
using Microsoft.EntityFrameworkCore;
using IdentityHub.Data.Governance;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Governance;

/// <summary>
/// Security profiles at sign-in (D4, A13): chosen after the second factor when a person holds several, silently
/// when one, refused with whom to ask when none; the choice reaches the tokens as <c>role</c> and
/// <c>identityhub_profile</c>, is kept for the session, can be switched with <c>prompt=select_account</c>, and a
/// removed profile's refresh is refused.
/// </summary>
public sealed class ProfileSignInTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Fact]
    public async Task A_portal_without_profiles_issues_tokens_without_a_role()
    {
        var user = await app.CreateUserAsync(NewName("noprofiles"));

        var tokens = await RedeemAsync(await app.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest { ClientId = TestClients.PublicPortal }), TestClients.PublicPortal);

        Assert.False(tokens.ReadIdToken().TryGetClaim("role", out _));
        Assert.False(tokens.ReadAccessToken().TryGetClaim("identityhub_profile", out _));
    }

    [Fact]
    public async Task One_profile_is_chosen_without_asking_and_reaches_both_tokens()
    {
        var user = await app.CreateUserAsync(NewName("oneprofile"));
        var claims = await ProfileWorld.ProfileAsync(app, "Claims");
        await ProfileWorld.GiveAsync(app, user, claims);

        var tokens = await RedeemAsync(await app.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest()));

        Assert.Equal(claims.Role, tokens.ReadIdToken().GetClaim("role").Value);
        Assert.Equal(claims.Id, tokens.ReadIdToken().GetClaim("identityhub_profile").Value);
        Assert.Equal(claims.Role, tokens.ReadAccessToken().GetClaim("role").Value);
        Assert.Equal(claims.Id, tokens.ReadAccessToken().GetClaim("identityhub_profile").Value);
    }

    [Fact]
    public async Task Several_profiles_are_chosen_on_a_page_kept_for_the_session_and_switched_with_select_account()
    {
        var user = await app.CreateUserAsync(NewName("twoprofiles"));
        var claims = await ProfileWorld.ProfileAsync(app, "Claims");
        var eligibility = await ProfileWorld.ProfileAsync(app, "Eligibility");
        await ProfileWorld.GiveAsync(app, user, claims, eligibility);
        var browser = app.NewBrowser();
        var request = new AuthorizationRequest();

        var choice = await SignInUntilAsync(browser, user.UserName!, request);
        Assert.True(Browser.IsRedirectTo(choice, "/connect/profile"), Describe(choice));
        var page = await browser.GetAsync(choice.Headers.Location!.OriginalString);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Claims", HtmlPage.TextOf(html));
        Assert.Contains("Eligibility", HtmlPage.TextOf(html));
        var first = await ChooseAsync(browser, html, choice, eligibility, request);
        Assert.Equal(eligibility.Role, (await RedeemAsync(first)).ReadIdToken().GetClaim("role").Value);

        // The same session asks no more.
        var again = AuthorizationResult.From(await browser.AuthorizeAsync(new AuthorizationRequest()), new AuthorizationRequest());
        Assert.True(again.Parameters.ContainsKey("code"), again.Describe());

        // Switching: the portal asks with prompt=select_account and the page comes back, the current one ticked.
        var switchRequest = new AuthorizationRequest { Extra = new Dictionary<string, string> { ["prompt"] = "select_account" } };
        var switching = await browser.AuthorizeAsync(switchRequest);
        Assert.True(Browser.IsRedirectTo(switching, "/connect/profile"), Describe(switching));
        var switchPage = await (await browser.GetAsync(switching.Headers.Location!.OriginalString)).Content.ReadAsStringAsync();
        Assert.Equal("checked", HtmlPage.Parse(switchPage).Document.QuerySelector($"#profile-{eligibility.Id}")?.GetAttribute("checked"));
        var switched = await ChooseAsync(browser, switchPage, switching, claims, switchRequest);
        var tokens = await RedeemAsync(switched);
        Assert.Equal(claims.Role, tokens.ReadAccessToken().GetClaim("role").Value);
        Assert.Equal(claims.Id, tokens.ReadAccessToken().GetClaim("identityhub_profile").Value);
    }

    [Fact]
    public async Task Choosing_nothing_says_so_and_a_made_up_profile_is_not_taken()
    {
        var user = await app.CreateUserAsync(NewName("choosenothing"));
        var claims = await ProfileWorld.ProfileAsync(app, "Claims");
        var eligibility = await ProfileWorld.ProfileAsync(app, "Eligibility");
        var notHeld = await ProfileWorld.ProfileAsync(app, "Documents");
        await ProfileWorld.GiveAsync(app, user, claims, eligibility);
        var browser = app.NewBrowser();
        var choice = await SignInUntilAsync(browser, user.UserName!, new AuthorizationRequest());
        var html = await (await browser.GetAsync(choice.Headers.Location!.OriginalString)).Content.ReadAsStringAsync();
        var returnUrl = ReturnUrlOf(choice).ToString();

        foreach (var chosen in new[] { "", notHeld.Id })
        {
            var answer = await browser.PostPageFormAsync(html, "/connect/profile", new Dictionary<string, string> { ["ReturnUrl"] = returnUrl, ["ProfileId"] = chosen });
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Contains("Choose an access profile to continue.", HtmlPage.TextOf(await answer.Content.ReadAsStringAsync()));
        }
    }

    [Fact]
    public async Task No_profile_for_the_portal_names_the_administrator_and_the_portal_gets_access_denied()
    {
        var user = await app.CreateUserAsync(NewName("noaccess"));
        await ProfileWorld.ProfileAsync(app, "Claims");
        await ProfileWorld.InOrganizationWithAdministratorAsync(app, user);
        var browser = app.NewBrowser();
        var request = new AuthorizationRequest();

        var refused = await SignInUntilAsync(browser, user.UserName!, request);
        Assert.True(Browser.IsRedirectTo(refused, "/connect/no-access"), Describe(refused));
        var page = await browser.GetAsync(refused.Headers.Location!.OriginalString);
        var html = await page.Content.ReadAsStringAsync();
        var text = HtmlPage.TextOf(html);
        Assert.Contains("You do not have access to this portal yet", text);
        Assert.Contains("Dana Lee", text);
        Assert.Contains("dana.lee@lakeside.example", text);

        var form = HtmlPage.Parse(html).Document.QuerySelector("#back-form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(input => $"{Uri.EscapeDataString(input.GetAttribute("name")!)}={Uri.EscapeDataString(input.GetAttribute("value") ?? "")}");
        var back = AuthorizationResult.From(await browser.GetAsync(form.GetAttribute("action") + "?" + string.Join('&', fields)), request);
        Assert.True(back.Error == "access_denied", back.Describe());
        Assert.StartsWith(TestClients.RedirectUri, back.Location!.ToString());
    }

    [Fact]
    public async Task A_removed_profile_ends_its_refreshes_and_a_renamed_role_reaches_the_next_one()
    {
        var user = await app.CreateUserAsync(NewName("removed"));
        var claims = await ProfileWorld.ProfileAsync(app, "Claims");
        await ProfileWorld.GiveAsync(app, user, claims);
        var tokens = await RedeemAsync(await app.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest()));
        await ProfileWorld.InScopeAsync(app, db => db.SecurityProfiles.Where(p => p.Id == claims.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.Role, "claims-renamed-" + claims.Id[..6])));

        var refreshed = (await TokenClient.For(app).RefreshAsync(tokens.RefreshToken)).EnsureSuccess();
        Assert.Equal("claims-renamed-" + claims.Id[..6], refreshed.ReadAccessToken().GetClaim("role").Value);

        await ProfileWorld.TakeAsync(app, user, claims);
        var refused = await TokenClient.For(app).RefreshAsync(refreshed.RefreshToken);
        Assert.Equal("invalid_grant", refused.Error);
        Assert.Contains("security profile", refused.Body);
    }

    [Fact]
    public async Task Suspended_access_stops_the_sign_in_naming_the_administrator_and_a_confirmation_lets_the_person_in()
    {
        var user = await app.CreateUserAsync(NewName("suspended"));
        var claims = await ProfileWorld.ProfileAsync(app, "Claims");
        await ProfileWorld.GiveAsync(app, user, claims);
        await ProfileWorld.InOrganizationWithAdministratorAsync(app, user);
        await ProfileWorld.SuspendAsync(app, user, app.Clock.GetUtcNow());

        var onHold = await app.NewBrowser().SignInAsync(user.UserName!);
        Assert.True(Browser.IsRedirectTo(onHold, "/account/access-on-hold"), Describe(onHold));
        var browser = app.NewBrowser();
        var page = await browser.FollowAsync(await browser.SignInAsync(user.UserName!));
        var text = HtmlPage.TextOf(await page.Content.ReadAsStringAsync());
        Assert.Contains("Your access is on hold", text);
        Assert.Contains("Dana Lee", text);
        Assert.True(Browser.IsRedirectTo(await browser.GetAsync("/account/security"), "/account/login"), "No session starts while access is on hold.");

        await ProfileWorld.SuspendAsync(app, user, null);
        var tokens = await RedeemAsync(await app.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest()));
        Assert.Equal(claims.Role, tokens.ReadIdToken().GetClaim("role").Value);
    }

    /// <summary>Authorize, then sign in when asked; returns where the server sends the browser next.</summary>
    private static async Task<HttpResponseMessage> SignInUntilAsync(Browser browser, string userName, AuthorizationRequest request)
    {
        var response = await browser.AuthorizeAsync(request);
        Assert.True(Browser.IsRedirectTo(response, "/account/login"), Describe(response));
        var returnUrl = QueryHelpers.ParseQuery(response.Headers.Location!.Query)["ReturnUrl"].ToString();
        var signedIn = await browser.SignInAsync(userName, returnUrl: returnUrl);
        return await browser.Http.GetAsync(signedIn.Headers.Location);
    }

    private static async Task<AuthorizationResult> ChooseAsync(Browser browser, string html, HttpResponseMessage choice, SecurityProfile profile, AuthorizationRequest? request = null)
    {
        var returnUrl = ReturnUrlOf(choice).ToString();
        var chosen = await browser.PostPageFormAsync(html, "/connect/profile", new Dictionary<string, string> { ["ReturnUrl"] = returnUrl, ["ProfileId"] = profile.Id });
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        return AuthorizationResult.From(await browser.Http.GetAsync(chosen.Headers.Location), request ?? new AuthorizationRequest());
    }

    private static string ReturnUrlOf(HttpResponseMessage response) =>
        QueryHelpers.ParseQuery(response.Headers.Location!.OriginalString.Split('?', 2)[1])["returnUrl"].ToString();

    private async Task<TokenResponse> RedeemAsync(AuthorizationResult authorization, string clientId = TestClients.Portal) =>
        (await TokenClient.For(app, clientId).RedeemAsync(authorization)).EnsureSuccess();

    private static string Describe(HttpResponseMessage response) => $"{(int)response.StatusCode} {response.Headers.Location}";
}
