using System.Net;
using IdentityHub.Server.Tests.Infrastructure;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Mfa;

/// <summary>One server whose codes have eight digits (<c>IdentityHub:Mfa:Codes:Length</c>).</summary>
public sealed class EightDigitApp : IAsyncLifetime
{
    public IdentityHubApp App { get; } = new IdentityHubApp().With("IdentityHub:Mfa:Codes:Length", "8");

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => App.DisposeAsync().AsTask();
}

/// <summary>The pages follow the configured code length: every text names it, and eight digits sign in.</summary>
public sealed class CodeLengthTests(EightDigitApp fixture) : IClassFixture<EightDigitApp>
{
    private readonly IdentityHubApp _app = fixture.App;

    [Fact]
    public async Task A_whole_sign_in_with_eight_digit_codes_says_eight_digits_everywhere()
    {
        var name = NewName("eight");
        await _app.CreateUserAsync(name, enrollEmail: false);
        var browser = _app.NewBrowser();
        var request = new AuthorizationRequest();
        var password = await browser.SubmitPasswordAsync(name, returnUrl: await browser.StartAtPortalAsync(request));
        Assert.True(Browser.IsRedirectTo(password, Enroll), Describe(password));

        // Enrollment: the code sent to the new address has eight digits, and the page asks for eight.
        var chosen = await browser.ChooseMethodAsync("Email");
        Assert.True(Browser.IsRedirectTo(chosen, EnrollDestination), Describe(chosen));
        var entered = await browser.EnterDestinationAsync(new Dictionary<string, string> { ["Email"] = EmailOf(name) });
        Assert.True(Browser.IsRedirectTo(entered, EnrollVerify), Describe(entered));
        var enrollmentCode = _app.Messages.CodeSentTo(EmailOf(name));
        Assert.Matches("^[0-9]{8}$", enrollmentCode);
        var empty = await browser.EnterEnrollmentCodeAsync("");
        Assert.Contains("Enter the 8-digit code.", await empty.TextAsync());
        var enrolled = await browser.EnterEnrollmentCodeAsync(enrollmentCode);
        Assert.Equal(HttpStatusCode.Redirect, enrolled.StatusCode);
        await browser.SignOutAsync();

        // The next sign-in's challenge.
        var challenge = await browser.PasswordToChallengeAsync(name, await browser.StartAtPortalAsync(request));
        var page = System.Net.WebUtility.HtmlDecode(challenge);
        Assert.Contains("We sent your 8-digit code to", page);
        Assert.Contains("Enter the 8-digit code.", page);
        Assert.DoesNotContain("6-digit", page);
        var code = _app.Messages.CodeSentTo(EmailOf(name));
        Assert.Matches("^[0-9]{8}$", code);

        var blank = await browser.VerifyAsync(challenge, "");
        Assert.Contains("Enter the 8-digit code.", await blank.TextAsync());
        var six = await browser.VerifyAsync(challenge, code[..6]);
        Assert.Contains("Enter the 8-digit code.", await six.TextAsync());

        var verified = await browser.VerifyAsync(challenge, code);
        Assert.False(string.IsNullOrEmpty((await browser.BackToPortalAsync(verified, request)).Code));
    }
}
