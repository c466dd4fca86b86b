using IdentityHub.Core.Mfa;
using IdentityHub.Delivery;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Mfa;

/// <summary>
/// The guides' own words on the code page, set in configuration with no code change (M5, issue 17): each is one
/// text, so a plan can say "Remember this computer for 1 day" and "Call me".
/// </summary>
public sealed class GuideWordingTests
{
    private const string Phone = "+16505552652";

    [Fact]
    public async Task A_plan_says_remember_this_computer_for_1_day_and_call_me_and_the_sign_in_walks_with_them()
    {
        await using var app = new IdentityHubApp()
            .With("IdentityHub:Mfa:RememberDevice:Lifetime", "1.00:00:00")
            .With("IdentityHub:Wording:Texts:en:MfaCode.RememberDevice", "Remember this computer for 1 day")
            .With("IdentityHub:Wording:Texts:en:MfaMethod.Voice.ChallengeChoice", "Call me")
            .With("IdentityHub:Wording:Texts:en:Challenge.ResendOrTryAnother", "Having trouble? Try another option");
        await app.InitializeAsync();
        var name = NewName("guide");
        var user = await app.CreateUserAsync(name);
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<EnrolledMethods>().AddAsync(user.Id, MfaMethodKind.Voice, Phone);
        }

        var browser = app.NewBrowser();
        var request = new AuthorizationRequest();
        var html = await browser.PasswordToChallengeAsync(name, await browser.StartAtPortalAsync(request));
        var page = HtmlPage.Parse(html);

        Assert.Equal("Remember this computer for 1 day", page.LabelOf(page.One("input[type=checkbox][name=RememberDevice]")));
        Assert.Equal("Having trouble? Try another option", page.TextAt("#other-ways"));
        Assert.Equal("Call me", page.TextAt("#other-methods button"));

        // "Call me": the code comes by a phone call, and this computer is remembered for the day.
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        var called = await browser.PostPageFormAsync(html, Challenge + "?handler=UseMethod",
            new Dictionary<string, string> { ["methodId"] = page.One("#other-methods input[name=methodId]").GetAttribute("value")! });
        var calledHtml = await called.Content.ReadAsStringAsync();
        Assert.StartsWith("We are calling (***) ***-2652", HtmlPage.Parse(calledHtml).TextAt("#sent-to"), StringComparison.Ordinal);
        var call = app.Messages.All.Last(message => message.To == Phone);
        Assert.Equal(DeliveryKind.Voice, call.Kind);
        var verified = await browser.VerifyAsync(calledHtml, CapturedMessages.CodeIn(call), rememberDevice: true);
        Assert.False(string.IsNullOrEmpty((await browser.BackToPortalAsync(verified, request)).Code));

        await browser.SignOutAsync();
        var again = new AuthorizationRequest();
        var password = await browser.SubmitPasswordAsync(name, returnUrl: await browser.StartAtPortalAsync(again));
        Assert.False(string.IsNullOrEmpty((await browser.BackToPortalAsync(password, again)).Code));
    }
}
