using System.Net;
using IdentityHub.Server.Tests.Infrastructure;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Mfa;

/// <summary>What the tokens say about the sign-in (M14, P7): acr and amr.</summary>
public sealed class AssuranceTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    private const string Aal2 = "urn:identityhub:acr:aal2";

    private const string Aal1 = "urn:identityhub:acr:aal1";

    private const string Aal3 = "urn:identityhub:acr:aal3";

    [Fact]
    public async Task An_emailed_code_under_the_legacy_preset_reaches_aal2_with_pwd_mail_mfa()
    {
        var name = NewName("aal2");
        await app.CreateUserAsync(name);

        var authorization = await app.NewBrowser().CodeFlowAsync(name, new AuthorizationRequest());

        var (acr, amr) = await app.AssuranceAsync(authorization);
        Assert.Equal(Aal2, acr);
        Assert.Equal(["pwd", "mail", "mfa"], amr);
    }

    [Fact]
    public async Task Asking_for_aal2_from_a_signed_in_session_issues_a_code_without_pages()
    {
        var name = NewName("acrvalues");
        await app.CreateUserAsync(name);
        var browser = app.NewBrowser();
        await browser.CodeFlowAsync(name, new AuthorizationRequest());
        var codesSent = app.Messages.To(EmailOf(name)).Count;
        var request = new AuthorizationRequest { Extra = new Dictionary<string, string> { ["acr_values"] = Aal2 } };

        var authorization = AuthorizationResult.From(await browser.AuthorizeAsync(request), request);

        Assert.Equal(HttpStatusCode.Redirect, authorization.Response.StatusCode);
        Assert.Equal(TestClients.RedirectUri, authorization.Location!.GetLeftPart(UriPartial.Path));
        Assert.False(string.IsNullOrEmpty(authorization.Code));
        Assert.Equal(codesSent, app.Messages.To(EmailOf(name)).Count);
        var (acr, _) = await app.AssuranceAsync(authorization);
        Assert.Equal(Aal2, acr);
    }

    [Fact]
    public async Task Acr_values_listing_every_level_accept_an_emailed_code_instead_of_demanding_a_passkey()
    {
        var name = NewName("acrlist");
        await app.CreateUserAsync(name);
        var request = new AuthorizationRequest { Extra = new Dictionary<string, string> { ["acr_values"] = $"{Aal1} {Aal2} {Aal3}" } };

        var authorization = await app.NewBrowser().CodeFlowAsync(name, request);

        Assert.False(string.IsNullOrEmpty(authorization.Code), authorization.Describe());
        var (acr, _) = await app.AssuranceAsync(authorization);
        Assert.Equal(Aal2, acr);
    }

    [Fact]
    public async Task A_portal_that_requires_a_level_no_enrolled_method_reaches_says_so_and_sends_nothing()
    {
        await using var strict = new IdentityHubApp().With("IdentityHub:Clients:0:Assurance", "aal3");
        await strict.InitializeAsync();
        var name = NewName("aal3");
        await strict.CreateUserAsync(name);
        var browser = strict.NewBrowser();

        var html = await browser.PasswordToChallengeAsync(name, new AuthorizationRequest().Url());

        var page = HtmlPage.Parse(html);
        Assert.Contains("requires a phishing-resistant sign-in method", page.TextAt("#level-unreachable"));
        Assert.False(page.Has("#verify"), "The page offers a code that cannot reach the level.");
        Assert.Empty(page.Controls("Code"));
        Assert.Empty(strict.Messages.To(EmailOf(name)));
    }
}
