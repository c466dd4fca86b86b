using System.Net;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Tests.Throttling;

/// <summary>
/// A3 without a weapon (decision 0012): wrong passwords lock the password path for the network that
/// typed them; the owner elsewhere signs in with the password and a second factor.
/// </summary>
public sealed class LockoutByNetworkTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Fact]
    public async Task A_strangers_wrong_passwords_do_not_lock_the_owner_out_of_password_and_second_factor()
    {
        var user = await app.CreateUserAsync(MfaSteps.NewName("target"));
        var owner = app.NewBrowserFrom("203.0.113.60");
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SignInAsync(user.UserName!, rememberDevice: true)).StatusCode);

        var stranger = app.NewBrowserFrom("198.51.100.66");
        for (var i = 0; i < 5; i++)
        {
            await stranger.SubmitPasswordAsync(user.UserName!, "guess number " + i);
        }

        Assert.NotNull(await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).SingleAsync()));
        // Even the right password stays locked for the stranger's network.
        var strangerRight = await stranger.SubmitPasswordAsync(user.UserName!);
        Assert.StartsWith("This account is locked", (await HtmlPage.ReadAsync(strangerRight)).TextAt("#sign-in-error"));

        // The owner, on a remembered device in another network: the password leads to the second factor, not past it.
        var ownerPassword = await owner.SubmitPasswordAsync(user.UserName!);
        Assert.True(Browser.IsRedirectTo(ownerPassword, "/account/mfa/challenge"), $"{(int)ownerPassword.StatusCode} {ownerPassword.Headers.Location}");
        var signedIn = await owner.SignInAsync(user.UserName!);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.False(Browser.IsRedirectTo(signedIn, "/account/login"));

        // The stranger's network is still locked out after the owner's sign-in.
        var again = await stranger.SubmitPasswordAsync(user.UserName!);
        Assert.StartsWith("This account is locked", (await HtmlPage.ReadAsync(again)).TextAt("#sign-in-error"));
    }

    [Fact]
    public async Task A_wrong_password_costs_the_same_database_work_for_known_and_unknown_usernames()
    {
        await using var logged = new IdentityHubApp().LogCommands();
        await logged.InitializeAsync();
        var user = await logged.CreateUserAsync(MfaSteps.NewName("timing"));
        var browser = logged.NewBrowserFrom("203.0.113.70");

        async Task<List<string>> PostCommandsAsync(string userName)
        {
            var page = await browser.GetAsync("/account/login");
            var token = Browser.AntiforgeryToken(await page.Content.ReadAsStringAsync());
            logged.Commands!.Clear();
            var response = await browser.PostFormAsync("/account/login", new Dictionary<string, string>
            {
                ["Input.Username"] = userName, ["Input.Password"] = "not the password", [HtmlPage.AntiforgeryField] = token,
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return [.. logged.Commands.Commands.Where(c => c.Request == "POST /account/login").Select(c => Shape(c.Sql))];
        }

        var known = await PostCommandsAsync(user.UserName!);
        var unknown = await PostCommandsAsync(MfaSteps.NewName("nobody"));

        Assert.True(known.Count == unknown.Count, $"known:{Environment.NewLine}{string.Join(Environment.NewLine, known)}{Environment.NewLine}unknown:{Environment.NewLine}{string.Join(Environment.NewLine, unknown)}");
        Assert.Equal(known.Order(), unknown.Order());
    }

    /// <summary>The statement's verb and table: what work it does, not its exact text.</summary>
    private static string Shape(string sql)
    {
        var words = sql.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var verb = words.FirstOrDefault(w => w is "SELECT" or "INSERT" or "UPDATE" or "DELETE") ?? words[0];
        var table = words.SkipWhile(w => w is not ("FROM" or "INTO" or "UPDATE")).Skip(1).FirstOrDefault() ?? "";
        return verb + " " + table.Trim('"');
    }
}
