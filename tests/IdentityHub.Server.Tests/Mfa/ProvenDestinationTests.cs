using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Mfa;

/// <summary>A code that reached the account's own email or phone proves it, and the tokens say so.</summary>
public sealed class ProvenDestinationTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Fact]
    public async Task Enrolling_the_accounts_own_email_makes_it_verified_in_the_id_token()
    {
        var name = NewName("provenmail");
        var user = await app.CreateUserAsync(name, enrollEmail: false);
        await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.EmailConfirmed, false)));
        var browser = app.NewBrowser();
        var request = new AuthorizationRequest();
        await browser.SubmitPasswordAsync(name, returnUrl: await browser.StartAtPortalAsync(request));

        var verified = await browser.EnrollAsync(app, "Email", new Dictionary<string, string> { ["Email"] = user.Email! }, user.Email!);
        var tokens = await TokenClient.For(app).RedeemAsync(await browser.BackToPortalAsync(verified, request));

        Assert.Equal("true", tokens.ReadIdToken().GetClaim("email_verified").Value);
    }

    [Fact]
    public async Task Enrolling_the_accounts_own_phone_makes_it_verified_and_another_address_proves_nothing()
    {
        var name = NewName("provenphone");
        var user = await app.CreateUserAsync(name, enrollEmail: false);
        await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.EmailConfirmed, false)));
        var browser = app.NewBrowser();
        var request = new AuthorizationRequest();
        await browser.SubmitPasswordAsync(name, returnUrl: await browser.StartAtPortalAsync(request));

        var verified = await browser.EnrollAsync(app, "Sms", new Dictionary<string, string> { ["Country"] = "US", ["Phone"] = "(650) 555-2652" }, user.PhoneNumber!);
        var tokens = await TokenClient.For(app).RedeemAsync(await browser.BackToPortalAsync(verified, request));

        var id = tokens.ReadIdToken();
        Assert.Equal("true", id.GetClaim("phone_number_verified").Value);
        Assert.Equal("false", id.GetClaim("email_verified").Value);
    }
}
