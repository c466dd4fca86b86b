using IdentityHub.Data.Audit;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Audit;

/// <summary>
/// Tokens issued and refused, reuse of a redeemed code or refresh token, consent and sign-out reach the audit
/// trail (D9), with the grant, client and scopes and never a token or any part of one.
/// </summary>
public sealed class TokenAuditTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Fact]
    public async Task A_code_exchange_and_a_refresh_are_audited_with_grant_client_and_scopes_and_no_token()
    {
        var user = await app.CreateUserAsync(NewName("issued"));
        var client = TokenClient.For(app);
        var first = (await client.RedeemAsync(await app.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest()))).EnsureSuccess();
        var second = (await client.RefreshAsync(first.RefreshToken)).EnsureSuccess();

        var issued = await EventsAsync(user.Id, "token.issued");

        Assert.Equal(2, issued.Count);
        Assert.All(issued, e => Assert.Equal(("succeeded", TestClients.Portal, (string?)null), (e.Outcome, e.ClientId, e.ActorId)));
        Assert.Equal(
            $"grant authorization_code; scopes openid profile email phone offline_access {TestClients.ApiScope}; issued access, id, refresh",
            issued[0].Detail);
        Assert.StartsWith("grant refresh_token; scopes openid profile email phone offline_access", issued[1].Detail, StringComparison.Ordinal);
        Assert.EndsWith("issued access, id, refresh", issued[1].Detail, StringComparison.Ordinal);
        AssertNoPartOf(issued, first.AccessToken, first.IdToken, first.RefreshToken, second.AccessToken, second.IdToken, second.RefreshToken);
    }

    [Fact]
    public async Task A_client_credentials_token_is_audited_with_the_client_as_actor_and_no_person()
    {
        var service = TokenClient.For(app, TestClients.Integration, TestClients.IntegrationSecret);
        var token = (await service.ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess();

        await FlushAsync();
        var issued = await app.QueryAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.Event == "token.issued" && e.ClientId == TestClients.Integration).ToListAsync());

        var entry = Assert.Single(issued);
        Assert.Null(entry.UserId);
        Assert.Equal(TestClients.Integration, entry.ActorId);
        Assert.Equal($"grant client_credentials; scopes {TestClients.ApiScope}; issued access", entry.Detail);
        AssertNoPartOf(issued, token.AccessToken);
    }

    [Fact]
    public async Task A_refresh_token_presented_again_is_audited_as_reuse_and_the_revoked_chain_as_refused()
    {
        var user = await app.CreateUserAsync(NewName("reuse"));
        var client = TokenClient.For(app);
        var first = (await client.RedeemAsync(await app.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest()))).EnsureSuccess();
        var second = (await client.RefreshAsync(first.RefreshToken)).EnsureSuccess();

        Assert.Equal("invalid_grant", (await client.RefreshAsync(first.RefreshToken)).Error);
        Assert.Equal("invalid_grant", (await client.RefreshAsync(second.RefreshToken)).Error);

        var reuse = Assert.Single(await EventsAsync(user.Id, "token.reuse_detected"));
        Assert.Equal(("refused", TestClients.Portal), (reuse.Outcome, reuse.ClientId));
        Assert.Equal("grant refresh_token: a refresh token presented again after it was redeemed; every token of its sign-in revoked", reuse.Detail);
        // The legitimate holder's newer token was revoked with the chain: a plain refusal, with its error code.
        var refused = Assert.Single(await EventsAsync(user.Id, "token.refused"));
        Assert.Equal(("invalid_grant", TestClients.Portal), (refused.Outcome, refused.ClientId));
        Assert.StartsWith("grant refresh_token: ", refused.Detail, StringComparison.Ordinal);
        AssertNoPartOf([reuse, refused], first.RefreshToken, second.RefreshToken);
    }

    [Fact]
    public async Task An_authorization_code_redeemed_twice_is_audited_as_reuse()
    {
        var user = await app.CreateUserAsync(NewName("codereuse"));
        var client = TokenClient.For(app);
        var authorization = await app.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest());
        (await client.RedeemAsync(authorization)).EnsureSuccess();

        Assert.Equal("invalid_grant", (await client.RedeemAsync(authorization)).Error);

        var reuse = Assert.Single(await EventsAsync(user.Id, "token.reuse_detected"));
        Assert.Equal("grant authorization_code: an authorization code presented again after it was redeemed; every token of its sign-in revoked", reuse.Detail);
        AssertNoPartOf([reuse], authorization.Code);
    }

    [Fact]
    public async Task Consent_granted_and_declined_are_audited_with_the_client_and_scopes()
    {
        var user = await app.CreateUserAsync(NewName("consent"));
        var browser = app.NewBrowser();
        await browser.SignInAsync(user.UserName!);
        var request = new AuthorizationRequest { ClientId = TestClients.ThirdParty, Scope = "openid profile email" };

        var declineUrl = (await browser.AuthorizeAsync(request)).Headers.Location!.OriginalString;
        await browser.SubmitAsync(declineUrl, new Dictionary<string, string> { ["decision"] = "deny" });
        var allowUrl = (await browser.AuthorizeAsync(request)).Headers.Location!.OriginalString;
        await browser.SubmitTickedAsync(allowUrl, new Dictionary<string, string> { ["decision"] = "allow" }, "profile");

        var declined = Assert.Single(await EventsAsync(user.Id, "consent.declined"));
        Assert.Equal(("declined", TestClients.ThirdParty, "scopes openid profile email"), (declined.Outcome, declined.ClientId, declined.Detail));
        var granted = Assert.Single(await EventsAsync(user.Id, "consent.granted"));
        Assert.Equal(("succeeded", TestClients.ThirdParty, "granted openid email; declined profile; remembered until revoked"), (granted.Outcome, granted.ClientId, granted.Detail));
    }

    [Fact]
    public async Task Signing_out_on_the_page_is_audited_for_this_browser()
    {
        var user = await app.CreateUserAsync(NewName("signout"));
        var browser = app.NewBrowser();
        await browser.SignInAsync(user.UserName!);

        await browser.SubmitAsync("/account/signout", new Dictionary<string, string>());

        var signedOut = Assert.Single(await EventsAsync(user.Id, "sign_out"));
        Assert.Equal(("succeeded", (string?)null, "this browser"), (signedOut.Outcome, signedOut.ClientId, signedOut.Detail));
    }

    [Fact]
    public async Task A_sign_out_the_portal_asked_for_names_the_portal()
    {
        var user = await app.CreateUserAsync(NewName("rpsignout"));
        var browser = app.NewBrowser();
        var idToken = (await TokenClient.For(app).RedeemAsync(await browser.CodeFlowAsync(user.UserName!, new AuthorizationRequest()))).EnsureSuccess().IdToken;

        var confirm = await browser.GetAsync("/connect/endsession?id_token_hint=" + idToken
            + "&post_logout_redirect_uri=" + Uri.EscapeDataString(TestClients.PostLogoutRedirectUri));
        await browser.FollowAsync(await browser.SubmitAsync(confirm.Headers.Location!.OriginalString, new Dictionary<string, string>()));

        var signedOut = Assert.Single(await EventsAsync(user.Id, "sign_out"));
        Assert.Equal((TestClients.Portal, "this browser, at the portal's request"), (signedOut.ClientId, signedOut.Detail));
        AssertNoPartOf([signedOut], idToken);
    }

    [Fact]
    public async Task A_sign_out_page_given_a_forged_hint_names_no_portal()
    {
        var user = await app.CreateUserAsync(NewName("forged"));
        var browser = app.NewBrowser();
        await browser.SignInAsync(user.UserName!);

        var returnUrl = "/connect/endsession?id_token_hint=not.a.token";
        await browser.SubmitAsync("/account/signout?returnUrl=" + Uri.EscapeDataString(returnUrl), new Dictionary<string, string>());

        var signedOut = Assert.Single(await EventsAsync(user.Id, "sign_out"));
        Assert.Null(signedOut.ClientId);
    }

    private Task FlushAsync() => app.Services.GetRequiredService<QueuedAuditWriter>().FlushAsync();

    private async Task<List<AuditEvent>> EventsAsync(string userId, string @event)
    {
        await FlushAsync();
        return await app.QueryAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.UserId == userId && e.Event == @event).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToListAsync());
    }

    /// <summary>No column of any event holds a token, nor any of its dot-separated parts, nor its first 16 characters.</summary>
    private static void AssertNoPartOf(IEnumerable<AuditEvent> events, params string[] tokens)
    {
        var parts = tokens.SelectMany(token => token.Split('.').Append(token[..Math.Min(16, token.Length)])).Where(part => part.Length >= 8).ToList();
        foreach (var entry in events)
        {
            var text = string.Join('|', entry.Detail, entry.ClientId, entry.ActorId, entry.UserId, entry.Reference, entry.Device);
            Assert.DoesNotContain(parts, part => text.Contains(part, StringComparison.Ordinal));
        }
    }
}
