using IdentityHub.Core.Mfa;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Infrastructure;

/// <summary>
/// The steps of the authenticator-app and recovery-code pages as a person walks them: the key read
/// off the setup page and typed into an app, the recovery codes read off the page that shows them once.
/// </summary>
public static class StrongFactorSteps
{
    public const string EnrollAuthenticator = "/account/mfa/enroll/authenticator";
    public const string RecoveryCodesPage = "/account/mfa/recovery-codes";
    public const string Recovery = "/account/mfa/recovery";

    /// <summary>The key as the setup page shows it (base32 in groups of four).</summary>
    public static string KeyOn(string html) =>
        HtmlPage.Parse(html).Find("#secret-key") is { } key ? HtmlPage.TextContent(key)
            : throw new Xunit.Sdk.XunitException("The page shows no key: " + HtmlPage.TextOf(html));

    /// <summary>What the authenticator app shows at <paramref name="time"/> for the key typed from the page.</summary>
    public static string AppCode(string key, DateTimeOffset time) => Totp.CodeAt(Totp.FromBase32(key), time);

    /// <summary>The recovery codes listed on a page (the shared list partial), in order.</summary>
    public static IReadOnlyList<string> RecoveryCodesOn(string html) =>
        HtmlPage.Parse(html).Find("#recovery-codes") is { } list
            ? [.. list.QuerySelectorAll("li code").Select(HtmlPage.TextContent)]
            : [];

    /// <summary>Enrollment step 1 with "Authenticator app", which must lead to the setup page; returns that page.</summary>
    public static async Task<string> ChooseAuthenticatorAsync(this Browser browser)
    {
        var chosen = await browser.ChooseMethodAsync("Totp");
        Assert.True(Browser.IsRedirectTo(chosen, EnrollAuthenticator), Describe(chosen));
        return await browser.PageAsync(EnrollAuthenticator);
    }

    /// <summary>Posts the code from the app on the (already loaded) setup page.</summary>
    public static Task<HttpResponseMessage> EnterAppCodeAsync(this Browser browser, string setupHtml, string code) =>
        browser.PostPageFormAsync(setupHtml, EnrollAuthenticator, new Dictionary<string, string> { ["Code"] = code });

    /// <summary>"I have saved my codes" on the (already loaded) page that shows them.</summary>
    public static Task<HttpResponseMessage> ConfirmRecoveryCodesSavedAsync(this Browser browser, string codesHtml) =>
        browser.PostPageFormAsync(codesHtml, RecoveryCodesPage, new Dictionary<string, string>());

    /// <summary>"Use a recovery code": loads the page and submits the code; returns the answer.</summary>
    public static Task<HttpResponseMessage> EnterRecoveryCodeAsync(this Browser browser, string code) =>
        browser.SubmitAsync(Recovery, new Dictionary<string, string> { ["Code"] = code });

    /// <summary>"Continue" on the page that said the recovery code worked.</summary>
    public static Task<HttpResponseMessage> ContinueAfterRecoveryCodeAsync(this Browser browser, string acceptedHtml) =>
        browser.PostPageFormAsync(acceptedHtml, Recovery + "?handler=Continue", new Dictionary<string, string>());
}
