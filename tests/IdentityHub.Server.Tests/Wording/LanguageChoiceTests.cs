using Microsoft.Extensions.DependencyInjection;
using System.Net;
using IdentityHub.Data;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Server.Texts;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Tests.Wording;

/// <summary>
/// Which language a page speaks (A14): the portal's ui_locales, then the person's saved choice, then the
/// switch on every page, then the browser's Accept-Language, then English.
/// </summary>
public sealed class LanguageChoiceTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    private const string SpanishBrowser = "es-MX,es;q=0.9,en;q=0.5";

    [Fact]
    public async Task Without_a_choice_pages_are_in_English()
    {
        var page = await PageAsync(app.NewBrowser(), "/account/login");

        Assert.Equal("en", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(Words.English<SignInText>("Login.Title"), page.TextAt("h1"));
    }

    [Fact]
    public async Task A_browser_that_prefers_Spanish_gets_Spanish_pages()
    {
        var response = await app.NewBrowser(SpanishBrowser).GetAsync("/account/login");
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal("es", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Iniciar sesión", page.TextAt("h1"));
        Assert.StartsWith("Iniciar sesión - ", page.Document.Title, StringComparison.Ordinal);
        Assert.Equal("Ir al contenido principal", page.TextAt(".skip-link"));
        Assert.Contains("es", response.Content.Headers.ContentLanguage);
    }

    [Fact]
    public async Task A_language_the_pages_do_not_speak_falls_back_to_the_next_preference()
    {
        var page = await PageAsync(app.NewBrowser("fr-FR,fr;q=0.9,es;q=0.8,en;q=0.7"), "/account/login");

        Assert.Equal("es", page.Document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task The_portals_ui_locales_win_over_the_browser_for_the_whole_sign_in()
    {
        var browser = app.NewBrowser("en-US,en;q=0.9");
        var request = new AuthorizationRequest { Extra = new Dictionary<string, string> { ["ui_locales"] = "fr-CA es-US en" } };

        var login = await browser.FollowAsync(await browser.AuthorizeAsync(request));
        var forgot = await PageAsync(browser, "/account/forgot-username");

        Assert.Equal("es", (await HtmlPage.ReadAsync(login)).Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("es", forgot.Document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task The_switch_on_the_page_changes_the_language_and_is_remembered()
    {
        var browser = app.NewBrowser("en-US");
        var english = await PageAsync(browser, "/account/login");
        Assert.Equal("Ver esta página en español", english.TextAt("#language-switch"));
        Assert.Equal("es", english.One("#language-switch").GetAttribute("lang"));

        var switched = await SwitchAsync(browser, english, "es");

        Assert.True(Browser.IsRedirectTo(switched, "/account/login"), switched.Headers.Location?.ToString());
        Assert.Equal("es", (await PageAsync(browser, "/account/login")).Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("es", (await PageAsync(browser, "/account/forgot-password")).Document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task The_switch_wins_over_the_portals_ui_locales_for_the_rest_of_the_sign_in()
    {
        var browser = app.NewBrowser(SpanishBrowser);
        var request = new AuthorizationRequest { Extra = new Dictionary<string, string> { ["ui_locales"] = "en" } };
        var login = await HtmlPage.ReadAsync(await browser.FollowAsync(await browser.AuthorizeAsync(request)));
        Assert.Equal("en", login.Document.DocumentElement.GetAttribute("lang"));

        await SwitchAsync(browser, login, "es");

        Assert.Equal("es", (await PageAsync(browser, "/account/login")).Document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task The_switch_goes_back_only_to_a_page_of_this_site()
    {
        var browser = app.NewBrowser();
        var page = await PageAsync(browser, "/account/login");

        var response = await browser.PostPageFormAsync(page.Document.DocumentElement.OuterHtml, "/language",
            new Dictionary<string, string> { ["language"] = "es", ["returnUrl"] = "//evil.example/phish" });

        Assert.True(Browser.IsRedirectTo(response, "/"), response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task A_signed_in_persons_choice_is_saved_and_their_next_sign_in_starts_in_it()
    {
        var user = await app.CreateUserAsync("habla-" + Guid.NewGuid().ToString("N")[..6]);
        var browser = app.NewBrowser("en-US");
        await browser.SignInAsync(user.UserName!);

        await SwitchAsync(browser, await PageAsync(browser, "/account/login"), "es");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>().Users.SingleAsync(u => u.Id == user.Id);
            Assert.Equal("es", saved.PreferredLanguage);
        }

        var elsewhere = app.NewBrowser("en-US");
        var afterPassword = await elsewhere.SubmitPasswordAsync(user.UserName!);
        Assert.Equal(HttpStatusCode.Redirect, afterPassword.StatusCode);
        var next = await HtmlPage.ReadAsync(await elsewhere.FollowAsync(afterPassword));

        Assert.Equal("es", next.Document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Discovery_advertises_the_languages()
    {
        var discovery = await (await app.CreateClient().GetAsync("/.well-known/openid-configuration")).JsonAsync();

        Assert.Equal(["en", "es"], discovery.GetProperty("ui_locales_supported").EnumerateArray().Select(value => value.GetString()));
    }

    private static async Task<HtmlPage> PageAsync(Browser browser, string url)
    {
        var response = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HtmlPage.ReadAsync(response);
    }

    private static Task<HttpResponseMessage> SwitchAsync(Browser browser, HtmlPage page, string language)
    {
        var form = page.One("form.language-switch");
        var returnUrl = form.QuerySelector("input[name=returnUrl]")!.GetAttribute("value")!;
        return browser.PostPageFormAsync(page.Document.DocumentElement.OuterHtml, "/language",
            new Dictionary<string, string> { ["language"] = language, ["returnUrl"] = returnUrl });
    }
}
