using System.Net;
using AngleSharp.Html.Dom;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Tests.Pages;

public sealed class SignInPageTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    private const string WrongCredentials = "The username or password you entered is incorrect";

    [Fact]
    public async Task The_sign_in_page_has_labelled_fields_and_local_assets_only()
    {
        var html = await (await app.CreateClient().GetAsync("/account/login")).Content.ReadAsStringAsync();
        var page = HtmlPage.Parse(html);

        var username = Assert.IsAssignableFrom<IHtmlInputElement>(page.FieldLabelled("Username"));
        Assert.Equal(("Input.Username", "text", "username"), (username.Name, username.Type, username.Autocomplete));
        var password = Assert.IsAssignableFrom<IHtmlInputElement>(page.FieldLabelled("Password"));
        Assert.Equal(("Input.Password", "password", "current-password"), (password.Name, password.Type, password.Autocomplete));
        Assert.Equal(username.Form, password.Form);
        var assets = page.All("script[src], link[href], img[src], iframe[src]").Select(element => element.GetAttribute("src") ?? element.GetAttribute("href")!).ToList();
        Assert.NotEmpty(assets);
        Assert.All(assets, asset => Assert.StartsWith("/", asset, StringComparison.Ordinal));
        Assert.DoesNotContain("https://", html.Replace("https://localhost", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_passkey_button_says_in_one_line_what_a_passkey_is()
    {
        var page = HtmlPage.Parse(await (await app.CreateClient().GetAsync("/account/login")).Content.ReadAsStringAsync());

        var button = page.One("#sign-in-with-passkey");
        Assert.Equal("what-is-a-passkey", button.GetAttribute("aria-describedby"));
        Assert.StartsWith("A passkey lets you sign in with your fingerprint, face or screen lock", page.TextAt("#what-is-a-passkey"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_says_so_without_signing_in()
    {
        var user = await app.CreateUserAsync("wrongpw-" + Guid.NewGuid().ToString("N")[..6]);
        var browser = app.NewBrowser();

        var response = await browser.SignInAsync(user.UserName!, "not the right password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(WrongCredentials, ErrorOn(await response.Content.ReadAsStringAsync()));
        Assert.True(Browser.IsRedirectTo(await browser.AuthorizeAsync(new AuthorizationRequest()), "/account/login"));
    }

    [Fact]
    public async Task An_unknown_username_gets_the_same_words_as_a_wrong_password()
    {
        var response = await app.NewBrowser().SignInAsync("nobody-" + Guid.NewGuid().ToString("N")[..6], "whatever password");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(WrongCredentials, ErrorOn(html));
        Assert.DoesNotContain("This account is locked", HtmlPage.TextOf(html));
    }

    [Fact]
    public async Task A_locked_account_answers_a_wrong_password_like_an_unknown_username()
    {
        var user = await app.CreateUserAsync("quietlock-" + Guid.NewGuid().ToString("N")[..6]);
        var browser = app.NewBrowser();
        var fifth = "";
        for (var i = 0; i < 5; i++)
        {
            fifth = await (await browser.SubmitPasswordAsync(user.UserName!, "wrong password " + i)).Content.ReadAsStringAsync();
        }

        var lockedWrong = await (await browser.SubmitPasswordAsync(user.UserName!, "yet another guess")).Content.ReadAsStringAsync();
        var unknown = await (await app.NewBrowser().SubmitPasswordAsync("nobody-" + Guid.NewGuid().ToString("N")[..6], "yet another guess")).Content.ReadAsStringAsync();
        Assert.NotNull(await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).SingleAsync()));

        Assert.StartsWith(WrongCredentials, ErrorOn(fifth));
        Assert.StartsWith(WrongCredentials, ErrorOn(unknown));
        Assert.Equal(ErrorOn(unknown), ErrorOn(lockedWrong));
        Assert.DoesNotContain("locked", ErrorOn(lockedWrong), StringComparison.OrdinalIgnoreCase);
        var right = await (await browser.SubmitPasswordAsync(user.UserName!)).Content.ReadAsStringAsync();
        Assert.Contains("This account is locked after too many unsuccessful sign-in attempts.", ErrorOn(right));
    }

    [Fact]
    public async Task Empty_fields_get_a_message_next_to_each_field()
    {
        var response = await app.NewBrowser().SubmitAsync("/account/login", new Dictionary<string, string>
        {
            ["Input.Username"] = "",
            ["Input.Password"] = "",
        });

        var page = await HtmlPage.ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Enter your username.", page.TextAt("#username-error"));
        Assert.Equal("Enter your password.", page.TextAt("#password-error"));
        Assert.False(page.Has("#sign-in-error"), page.Text);
    }

    [Fact]
    public async Task An_overlong_username_is_refused_with_a_message()
    {
        var response = await app.NewBrowser().SignInAsync(new string('u', 5000), "whatever password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("at most 64 characters", (await HtmlPage.ReadAsync(response)).TextAt("#username-error"));
    }

    [Fact]
    public async Task A_return_url_to_another_site_is_ignored()
    {
        var user = await app.CreateUserAsync("open-" + Guid.NewGuid().ToString("N")[..6]);

        var response = await app.NewBrowser().SignInAsync(user.UserName!, returnUrl: "https://evil.example/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        var user = await app.CreateUserAsync("lockout-" + Guid.NewGuid().ToString("N")[..6]);
        var browser = app.NewBrowser();
        for (var i = 0; i < 5; i++)
        {
            await browser.SignInAsync(user.UserName!, "wrong password " + i);
        }

        var response = await browser.SignInAsync(user.UserName!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("This account is locked after too many unsuccessful sign-in attempts.", ErrorOn(await response.Content.ReadAsStringAsync()));
        Assert.NotNull(await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).SingleAsync()));
        Assert.True(Browser.IsRedirectTo(await browser.AuthorizeAsync(new AuthorizationRequest()), "/account/login"));
    }

    /// <summary>The sign-in error the page shows above the form.</summary>
    private static string ErrorOn(string html) => HtmlPage.Parse(html).TextAt("#sign-in-error");
}
