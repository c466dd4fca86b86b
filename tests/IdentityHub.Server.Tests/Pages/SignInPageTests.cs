using System.Net;
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

        Assert.Contains("<label for=\"Input_Username\">Username</label>", html);
        Assert.Contains("<label for=\"Input_Password\">Password</label>", html);
        Assert.Contains("autocomplete=\"current-password\"", html);
        Assert.DoesNotContain("https://", html.Replace("https://localhost", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_password_says_so_without_signing_in()
    {
        var user = await app.CreateUserAsync("wrongpw-" + Guid.NewGuid().ToString("N")[..6]);
        var browser = app.NewBrowser();

        var response = await browser.SignInAsync(user.UserName!, "not the right password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(WrongCredentials, await response.Content.ReadAsStringAsync());
        Assert.True(Browser.IsRedirectTo(await browser.AuthorizeAsync(new AuthorizationRequest()), "/account/login"));
    }

    [Fact]
    public async Task An_unknown_username_gets_the_same_words_as_a_wrong_password()
    {
        var response = await app.NewBrowser().SignInAsync("nobody-" + Guid.NewGuid().ToString("N")[..6], "whatever password");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(WrongCredentials, html);
        Assert.DoesNotContain("This account is locked", html);
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

        Assert.Contains(WrongCredentials, fifth);
        Assert.StartsWith(WrongCredentials, ErrorOn(unknown));
        Assert.Equal(ErrorOn(unknown), ErrorOn(lockedWrong));
        Assert.DoesNotContain("locked", ErrorOn(lockedWrong), StringComparison.OrdinalIgnoreCase);
        var right = await (await browser.SubmitPasswordAsync(user.UserName!)).Content.ReadAsStringAsync();
        Assert.Contains("This account is locked after too many unsuccessful sign-in attempts.", right);
    }

    [Fact]
    public async Task Empty_fields_get_a_message_next_to_each_field()
    {
        var response = await app.NewBrowser().SubmitAsync("/account/login", new Dictionary<string, string>
        {
            ["Input.Username"] = "",
            ["Input.Password"] = "",
        });

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter your username.", html);
        Assert.Contains("Enter your password.", html);
    }

    [Fact]
    public async Task An_overlong_username_is_refused_with_a_message()
    {
        var response = await app.NewBrowser().SignInAsync(new string('u', 5000), "whatever password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("at most 64 characters", await response.Content.ReadAsStringAsync());
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

        Assert.Contains("This account is locked", await response.Content.ReadAsStringAsync());
    }

    private static string ErrorOn(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "id=\"sign-in-error\"[^>]*>([^<]*)<").Groups[1].Value;
}
