using System.Net;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Protocol;

/// <summary>
/// <c>prompt=select_account</c> at a portal without security profiles (OIDC Core 3.1.2.1): a person signed in is asked
/// whether to continue with this account or use another; with <c>prompt=none</c> the portal gets account_selection_required.
/// </summary>
public sealed class SelectAccountTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    private static AuthorizationRequest SelectAccount(string prompt = "select_account") =>
        new() { Extra = new Dictionary<string, string> { ["prompt"] = prompt } };

    [Fact]
    public async Task A_signed_in_person_is_asked_and_continues_with_the_same_account()
    {
        var name = NewName("select");
        var user = await app.CreateUserAsync(name);
        var browser = app.NewBrowser();
        await browser.CodeFlowAsync(name, new AuthorizationRequest());
        var request = SelectAccount();

        var toChoice = await browser.AuthorizeAsync(request);
        Assert.True(Browser.IsRedirectTo(toChoice, "/connect/account"), Describe(toChoice));
        var choiceUrl = toChoice.Headers.Location!.OriginalString;
        var page = await HtmlPage.ReadAsync(await browser.GetAsync(choiceUrl));
        var chosen = await browser.SubmitAsync(choiceUrl, new Dictionary<string, string> { ["choice"] = "continue" });
        var authorization = AuthorizationResult.From(await browser.GetAsync(chosen.Headers.Location!.OriginalString), request);

        Assert.Equal("Choose an account", page.TextAt("h1"));
        Assert.Contains(name, page.TextAt("#signed-in-as"));
        Assert.Equal("Continue as Rosa Ramirez", page.TextAt("#continue"));
        Assert.Equal("Use another account", page.TextAt("#use-another"));
        var tokens = (await TokenClient.For(app).RedeemAsync(authorization)).EnsureSuccess();
        Assert.Equal(user.Id, tokens.ReadIdToken().Subject);
    }

    [Fact]
    public async Task Using_another_account_signs_out_and_the_other_person_signs_in()
    {
        var first = NewName("selectone");
        var second = NewName("selecttwo");
        await app.CreateUserAsync(first);
        var other = await app.CreateUserAsync(second);
        var browser = app.NewBrowser();
        await browser.CodeFlowAsync(first, new AuthorizationRequest());
        var request = SelectAccount();

        var toChoice = await browser.AuthorizeAsync(request);
        var another = await browser.SubmitAsync(toChoice.Headers.Location!.OriginalString, new Dictionary<string, string> { ["choice"] = "other" });
        Assert.True(Browser.IsRedirectTo(another, "/account/login"), Describe(another));
        var returnUrl = QueryHelpers.ParseQuery(another.Headers.Location!.OriginalString.Split('?')[1])["ReturnUrl"].ToString();
        var signedIn = await browser.SignInAsync(second, returnUrl: returnUrl);
        var authorization = AuthorizationResult.From(await browser.GetAsync(signedIn.Headers.Location!.OriginalString), request);

        var tokens = (await TokenClient.For(app).RedeemAsync(authorization)).EnsureSuccess();
        Assert.Equal(other.Id, tokens.ReadIdToken().Subject);
    }

    [Fact]
    public async Task A_person_not_signed_in_chooses_the_account_by_signing_in_and_is_not_asked_again()
    {
        var name = NewName("selectnew");
        await app.CreateUserAsync(name);

        var authorization = await app.NewBrowser().CodeFlowAsync(name, SelectAccount());

        Assert.False(string.IsNullOrEmpty(authorization.Code), authorization.Describe());
    }

    [Fact]
    public async Task Prompt_none_with_select_account_is_refused_as_OpenID_Connect_forbids_none_with_other_values()
    {
        var name = NewName("selectnone");
        await app.CreateUserAsync(name);
        var browser = app.NewBrowser();
        await browser.CodeFlowAsync(name, new AuthorizationRequest());

        var response = await browser.AuthorizeAsync(SelectAccount("none select_account"));

        await ErrorPage.AssertRefusedAsync(response, "invalid_request", "The specified 'prompt' is invalid.");
    }
}
