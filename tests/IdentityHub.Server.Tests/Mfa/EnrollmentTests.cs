using System.Net;
using IdentityHub.Core.Mfa;
using IdentityHub.Delivery;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Mfa;

/// <summary>The enrollment wizard (M1, M6, M9): a user without a method sets one up before reaching any portal.</summary>
public sealed class EnrollmentTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    private const string UsMobile = "+16505552652";

    [Fact]
    public async Task A_user_without_a_method_must_finish_enrollment_before_reaching_the_portal()
    {
        var name = NewName("nomethod");
        await app.CreateUserAsync(name, enrollEmail: false);
        var browser = app.NewBrowser();
        var request = new AuthorizationRequest();
        var returnUrl = await browser.StartAtPortalAsync(request);

        var password = await browser.SubmitPasswordAsync(name, returnUrl: returnUrl);
        Assert.True(Browser.IsRedirectTo(password, Enroll), Describe(password));
        var page = await browser.GetAsync(Enroll);
        var html = await HtmlPage.ReadAsync(page);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("Set up multi-factor authentication", html.TextAt("h1"));
        var main = html.One("main");
        var offered = HtmlPage.TextContent(main) + " " + string.Join(" ", main.QuerySelectorAll("a[href], form[action]").Select(link => link.GetAttribute("href") ?? link.GetAttribute("action")));
        Assert.DoesNotContain("skip", offered, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("later", offered, StringComparison.OrdinalIgnoreCase);

        // The portal again, without finishing: no code; signing in again leads back to enrollment.
        var again = AuthorizationResult.From(await browser.AuthorizeAsync(request), request);
        Assert.False(again.Parameters.ContainsKey("code"), again.Describe());
        Assert.True(Browser.IsRedirectTo(again.Response, "/account/login"), again.Describe());
        var secondPassword = await browser.SubmitPasswordAsync(name, returnUrl: returnUrl);
        Assert.True(Browser.IsRedirectTo(secondPassword, Enroll), Describe(secondPassword));

        // The later steps of the wizard cannot be skipped to either.
        Assert.True(Browser.IsRedirectTo(await browser.GetAsync(EnrollVerify), Enroll));
    }

    [Fact]
    public async Task A_password_alone_cannot_enroll_a_new_method_to_get_past_the_challenge()
    {
        // Someone who knows the password of an account with a method, but cannot read its codes.
        var name = NewName("bypass");
        var user = await app.CreateUserAsync(name);
        var browser = app.NewBrowser();
        var request = new AuthorizationRequest();
        var password = await browser.SubmitPasswordAsync(name, returnUrl: await browser.StartAtPortalAsync(request));
        Assert.True(Browser.IsRedirectTo(password, Challenge), Describe(password));
        var intruder = NewName("intruder") + "@elsewhere.example";

        // Walks the wizard as far as it lets them.
        var last = await browser.GetAsync(Enroll);
        if (last.StatusCode == HttpStatusCode.OK)
        {
            last = await browser.PostPageFormAsync(await last.Content.ReadAsStringAsync(), Enroll, new Dictionary<string, string> { ["Method"] = "Email" });
        }

        if (Browser.IsRedirectTo(last, EnrollDestination))
        {
            last = await browser.EnterDestinationAsync(new Dictionary<string, string> { ["Email"] = intruder });
        }

        if (Browser.IsRedirectTo(last, EnrollVerify) && app.Messages.To(intruder).Count > 0)
        {
            last = await browser.EnterEnrollmentCodeAsync(app.Messages.CodeSentTo(intruder));
        }

        Assert.False(await app.QueryAsync(db => db.MfaMethods.AnyAsync(m => m.UserId == user.Id && m.Destination == intruder)),
            "A method was enrolled with the password alone.");
        var portal = AuthorizationResult.From(await browser.AuthorizeAsync(request), request);
        Assert.False(portal.Parameters.ContainsKey("code"), "The portal got a code with the password alone: " + portal.Describe());
    }

    [Fact]
    public async Task Enrolling_an_email_returns_to_the_portal_with_a_code_and_stores_the_method()
    {
        var name = NewName("enrollmail");
        var user = await app.CreateUserAsync(name, enrollEmail: false);
        var browser = app.NewBrowser();
        var request = new AuthorizationRequest();
        var returnUrl = await browser.StartAtPortalAsync(request);
        await browser.SubmitPasswordAsync(name, returnUrl: returnUrl);
        var address = name + "@home.example";

        var chosen = await browser.ChooseMethodAsync("Email");
        Assert.True(Browser.IsRedirectTo(chosen, EnrollDestination), Describe(chosen));
        var entered = await browser.EnterDestinationAsync(new Dictionary<string, string> { ["Email"] = address });
        Assert.True(Browser.IsRedirectTo(entered, EnrollVerify), Describe(entered));
        var verifyPage = HtmlPage.Parse(await browser.PageAsync(EnrollVerify));
        Assert.Equal($"We sent your 6-digit code to {name[0]}*****{name[^1]}@home.example by email. It is valid for 5 minutes.", verifyPage.TextAt("#sent-to"));
        Assert.Equal($"{name[0]}*****{name[^1]}@home.example", verifyPage.TextAt("#sent-to strong"));
        var message = app.Messages.LatestTo(address);
        Assert.Equal(DeliveryKind.Email, message.Kind);

        var verified = await browser.EnterEnrollmentCodeAsync(CapturedMessages.CodeIn(message));
        var authorization = await browser.BackToPortalAsync(verified, request);

        Assert.Equal(TestClients.RedirectUri, authorization.Location!.GetLeftPart(UriPartial.Path));
        Assert.False(string.IsNullOrEmpty(authorization.Code));
        var methods = await app.QueryAsync(db => db.MfaMethods.Where(m => m.UserId == user.Id).ToListAsync());
        var method = Assert.Single(methods);
        Assert.Equal(MfaMethodKind.Email, method.Kind);
        Assert.Equal(address, method.Destination);
        var (acr, amr) = await app.AssuranceAsync(authorization);
        Assert.Equal("urn:identityhub:acr:aal2", acr);
        Assert.Equal(["pwd", "mail", "mfa"], amr);
    }

    [Fact]
    public async Task A_UK_landline_is_refused_for_text_messages()
    {
        var browser = await AtEnrollmentAsync("landline");
        await browser.ChooseMethodAsync("Sms");

        var response = await browser.EnterDestinationAsync(new Dictionary<string, string> { ["Country"] = "GB", ["Phone"] = "020 7946 0018" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Text messages need a mobile phone number.", await response.TextAsync());
        Assert.DoesNotContain(app.Messages.All, m => m.To == "+442079460018");
    }

    [Fact]
    public async Task An_invalid_phone_number_gets_a_plain_message()
    {
        var browser = await AtEnrollmentAsync("badphone");
        await browser.ChooseMethodAsync("Sms");

        var response = await browser.EnterDestinationAsync(new Dictionary<string, string> { ["Country"] = "US", ["Phone"] = "555-12" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter a valid phone number for the country you chose.", await response.TextAsync());
    }

    [Fact]
    public async Task A_valid_US_mobile_number_is_stored_in_E164_form()
    {
        var name = NewName("usphone");
        var user = await app.CreateUserAsync(name, enrollEmail: false);
        var browser = app.NewBrowser();
        await browser.SubmitPasswordAsync(name);

        var verified = await browser.EnrollAsync(app, "Sms", new Dictionary<string, string> { ["Country"] = "US", ["Phone"] = "(650) 555-2652" }, UsMobile);

        Assert.True(Browser.IsRedirectTo(verified, "/"), Describe(verified));
        var method = await app.QueryAsync(db => db.MfaMethods.SingleAsync(m => m.UserId == user.Id));
        Assert.Equal(MfaMethodKind.Sms, method.Kind);
        Assert.Equal(UsMobile, method.Destination);
    }

    [Fact]
    public async Task The_same_email_may_be_enrolled_on_two_accounts()
    {
        var shared = NewName("family") + "@home.example";
        var ids = new List<string>();
        foreach (var prefix in new[] { "parent", "child" })
        {
            var name = NewName(prefix);
            ids.Add((await app.CreateUserAsync(name, enrollEmail: false)).Id);
            var browser = app.NewBrowser();
            await browser.SubmitPasswordAsync(name);

            var verified = await browser.EnrollAsync(app, "Email", new Dictionary<string, string> { ["Email"] = shared }, shared);

            Assert.True(Browser.IsRedirectTo(verified, "/"), Describe(verified));
        }

        var owners = await app.QueryAsync(db => db.MfaMethods.Where(m => m.Destination == shared).Select(m => m.UserId).ToListAsync());
        Assert.Equal(ids.Order(), owners.Order());
    }

    [Fact]
    public async Task Six_minutes_of_inactivity_restart_the_wizard_with_a_message()
    {
        var browser = await AtEnrollmentAsync("idle");
        var chosen = await browser.ChooseMethodAsync("Email");
        Assert.True(Browser.IsRedirectTo(chosen, EnrollDestination));

        app.Clock.Advance(TimeSpan.FromMinutes(6));
        var late = await browser.GetAsync(EnrollDestination);

        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        Assert.Equal("/account/mfa/enroll?timedOut=true", late.Headers.Location!.OriginalString);
        var restart = await browser.Http.GetAsync(late.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, restart.StatusCode);
        Assert.Contains("Your session timed out because you were inactive for more than 5 minutes. Please start again.", await restart.TextAsync());
        Assert.True(Browser.IsRedirectTo(await browser.GetAsync(EnrollDestination), Enroll), "The wizard starts again.");
    }

    private async Task<Browser> AtEnrollmentAsync(string prefix)
    {
        var name = NewName(prefix);
        await app.CreateUserAsync(name, enrollEmail: false);
        var browser = app.NewBrowser();
        var password = await browser.SubmitPasswordAsync(name);
        Assert.True(Browser.IsRedirectTo(password, Enroll), Describe(password));
        return browser;
    }
}

/// <summary>Under the NIST preset email codes do not count as a second factor.</summary>
public sealed class NistEnrollmentTests
{
    [Fact]
    public async Task Under_the_NIST_preset_email_is_not_offered_and_an_email_only_user_must_enroll()
    {
        await using var app = new IdentityHubApp().With("IdentityHub:Mfa:Preset", "Nist");
        await app.InitializeAsync();
        var name = NewName("nist");
        var user = await app.CreateUserAsync(name);
        var browser = app.NewBrowser();

        var password = await browser.SubmitPasswordAsync(name);

        Assert.True(Browser.IsRedirectTo(password, Enroll), Describe(password));
        var html = await browser.PageAsync(Enroll);
        var choices = MethodChoices(html);
        Assert.DoesNotContain("Email", choices);
        Assert.Contains("Sms", choices);
        Assert.Contains("Voice", choices);
        Assert.Empty(app.Messages.To(EmailOf(name)));

        var email = await browser.PostPageFormAsync(html, Enroll, new Dictionary<string, string> { ["Method"] = "Email" });
        Assert.Equal(HttpStatusCode.OK, email.StatusCode);
        Assert.Contains("Choose how you would like to receive your security codes.", await email.TextAsync());

        var verified = await browser.EnrollAsync(app, "Sms", new Dictionary<string, string> { ["Country"] = "US", ["Phone"] = "650 555 2652" }, UsMobilePhone);
        Assert.True(Browser.IsRedirectTo(verified, "/"), Describe(verified));
        var kinds = await app.QueryAsync(db => db.MfaMethods.Where(m => m.UserId == user.Id).Select(m => m.Kind).ToListAsync());
        Assert.Equal([MfaMethodKind.Email, MfaMethodKind.Sms], kinds.Order());
    }

    private const string UsMobilePhone = "+16505552652";
}
