using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using IdentityHub.Data.Users;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Server.Tests.Passwords;

/// <summary>
/// The optional breach check (A2) against a local stand-in for a Pwned Passwords-compatible range API:
/// what is refused and how the page says so, what leaves the server, and what happens when the service fails.
/// </summary>
public sealed class BreachCheckTests
{
    /// <summary>Passes every local rule, but the stand-in lists it as breached.</summary>
    private const string BreachedPassword = "plum orchard sings loudly";

    private const string CleanPassword = "amber lantern over quiet hills";

    private const string BreachMessage = "This password has appeared in a known data breach. Choose a different one.";

    private const string TryAgainMessage = "We could not check your password right now. Try again in a few minutes.";

    [Fact]
    public async Task A_breached_password_is_refused_on_the_page_with_its_own_message_and_a_clean_one_is_accepted()
    {
        await using var service = await RangeServiceAsync((BreachedPassword, 42));
        await using var app = await StartAsync(service);
        var user = await app.CreateUserAsync("breach-page");
        await UpdateAsync(app, user.Id, u => u.MustChangePassword = true);
        var browser = app.NewBrowser();

        var afterCode = await browser.SignInAsync(user.UserName!, returnUrl: new AuthorizationRequest().Url());
        Assert.True(Browser.IsRedirectTo(afterCode, "/account/password/change"), afterCode.Headers.Location?.ToString());
        var page = await (await browser.GetAsync("/account/password/change")).Content.ReadAsStringAsync();
        Assert.Contains("Not a password that has appeared in a known data breach", HtmlPage.TextOf(page));

        var breached = await browser.PostPageFormAsync(page, "/account/password/change",
            new Dictionary<string, string> { ["NewPassword"] = BreachedPassword, ["ConfirmPassword"] = BreachedPassword });
        Assert.Equal(HttpStatusCode.OK, breached.StatusCode);
        Assert.Contains(BreachMessage, await breached.TextAsync());

        var clean = await browser.PostPageFormAsync(page, "/account/password/change",
            new Dictionary<string, string> { ["NewPassword"] = CleanPassword, ["ConfirmPassword"] = CleanPassword });
        Assert.True(Browser.IsRedirectTo(clean, "/connect/authorize"), clean.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Only_the_five_character_prefix_leaves_the_server_and_padding_is_asked_for()
    {
        await using var service = await RangeServiceAsync((BreachedPassword, 42));
        await using var app = await StartAsync(service);
        var (prefix, suffix) = Sha1(BreachedPassword);

        var result = await CreateAsync(app, "breach-prefix", BreachedPassword);

        Assert.Contains(result.Errors, error => error.Code == "Breached" && error.Description == BreachMessage);
        var request = Assert.Single(service.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/range/" + prefix, request.Path);
        Assert.Equal("true", request.Header("Add-Padding"));
        var everythingSent = request.Path + string.Join("\n", request.Headers.Select(h => h.Key + ": " + h.Value)) + request.Body;
        Assert.DoesNotContain(suffix, everythingSent, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(prefix + suffix, everythingSent, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(BreachedPassword, everythingSent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Padding_entries_with_count_zero_and_sightings_below_the_minimum_do_not_refuse()
    {
        var (_, suffix) = Sha1(CleanPassword);
        await using var service = await HttpStandIn.StartAsync();
        service.DefaultReply = _ => new StandInReply(200, suffix.ToLowerInvariant() + ":0\r\n0018A45C4D1DEF81644B54AB7F969B88D65:0\r\n");
        await using var app = await StartAsync(service, ("IdentityHub:Passwords:BreachCheck:MinimumCount", "5"));

        var padded = await CreateAsync(app, "breach-padding", CleanPassword);
        service.DefaultReply = _ => new StandInReply(200, suffix + ":4\r\n");
        var rare = await CreateAsync(app, "breach-rare", CleanPassword);
        service.DefaultReply = _ => new StandInReply(200, suffix + ":5\r\n");
        var common = await CreateAsync(app, "breach-common", CleanPassword);

        Assert.True(padded.Succeeded, Describe(padded));
        Assert.True(rare.Succeeded, Describe(rare));
        Assert.Contains(common.Errors, error => error.Code == "Breached");
    }

    [Fact]
    public async Task A_password_refused_by_the_local_rules_costs_no_request()
    {
        await using var service = await RangeServiceAsync();
        await using var app = await StartAsync(service);

        var result = await CreateAsync(app, "breach-local", "dragon1234!");

        Assert.Contains(result.Errors, error => error.Code == "Common");
        Assert.Empty(service.Requests);
    }

    [Fact]
    public async Task A_slow_service_with_fail_open_accepts_within_the_timeout_and_logs_a_warning_without_the_password()
    {
        await using var service = await HttpStandIn.StartAsync();
        service.DefaultReply = _ => StandInReply.Hangs;
        await using var app = await StartAsync(service, ("IdentityHub:Passwords:BreachCheck:Timeout", "00:00:00.500"));
        var (prefix, suffix) = Sha1(CleanPassword);

        var clock = Stopwatch.StartNew();
        var result = await CreateAsync(app, "breach-slow", CleanPassword);

        Assert.True(result.Succeeded, Describe(result));
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(10));
        var warning = Assert.Single(app.Logs.All, log => log.Message.Contains("breached-password service", StringComparison.Ordinal));
        Assert.Contains("accepted without that check", warning.Message);
        foreach (var secret in new[] { CleanPassword, prefix, suffix })
        {
            Assert.DoesNotContain(app.Logs.All, log => log.ToString().Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task A_failing_service_is_retried_once_then_fail_open_accepts()
    {
        await using var service = await HttpStandIn.StartAsync();
        service.DefaultReply = _ => new StandInReply(503, "");
        await using var app = await StartAsync(service);

        var result = await CreateAsync(app, "breach-503", CleanPassword);

        Assert.True(result.Succeeded, Describe(result));
        Assert.Equal(2, service.Requests.Count);
        Assert.Contains(app.Logs.All, log => log.Message.Contains("answered 503", StringComparison.Ordinal));
        var (prefix, suffix) = Sha1(CleanPassword);
        Assert.DoesNotContain(app.Logs.All, log => log.ToString().Contains(prefix, StringComparison.OrdinalIgnoreCase) || log.ToString().Contains(suffix, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_transient_failure_followed_by_an_answer_still_refuses_a_breached_password()
    {
        await using var service = await RangeServiceAsync((BreachedPassword, 3));
        service.Then(new StandInReply(503, ""));
        await using var app = await StartAsync(service);

        var result = await CreateAsync(app, "breach-retry", BreachedPassword);

        Assert.Contains(result.Errors, error => error.Code == "Breached");
        Assert.Equal(2, service.Requests.Count);
    }

    [Fact]
    public async Task With_fail_open_off_a_service_that_is_down_gets_the_try_again_message_on_the_page()
    {
        var service = await RangeServiceAsync();
        await using var app = await StartAsync(service, ("IdentityHub:Passwords:BreachCheck:FailOpen", "false"));
        var user = await app.CreateUserAsync("breach-closed");
        await UpdateAsync(app, user.Id, u => u.MustChangePassword = true);
        var browser = app.NewBrowser();
        await browser.SignInAsync(user.UserName!, returnUrl: new AuthorizationRequest().Url());
        var page = await (await browser.GetAsync("/account/password/change")).Content.ReadAsStringAsync();

        await service.DisposeAsync();
        var refused = await browser.PostPageFormAsync(page, "/account/password/change",
            new Dictionary<string, string> { ["NewPassword"] = CleanPassword, ["ConfirmPassword"] = CleanPassword });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(TryAgainMessage, await refused.TextAsync());
        Assert.Contains(app.Logs.All, log => log.Message.Contains("was refused until it can be checked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_fail_open_off_a_slow_service_gets_the_try_again_failure()
    {
        await using var service = await HttpStandIn.StartAsync();
        service.DefaultReply = _ => StandInReply.Hangs;
        await using var app = await StartAsync(service,
            ("IdentityHub:Passwords:BreachCheck:FailOpen", "false"),
            ("IdentityHub:Passwords:BreachCheck:Timeout", "00:00:00.500"));

        var result = await CreateAsync(app, "breach-slow-closed", CleanPassword);

        var error = Assert.Single(result.Errors);
        Assert.Equal("BreachCheckUnavailable", error.Code);
        Assert.Equal(TryAgainMessage, error.Description);
    }

    [Fact]
    public async Task When_disabled_no_request_is_made_and_the_rule_is_not_listed()
    {
        await using var service = await RangeServiceAsync((BreachedPassword, 42));
        await using var app = new IdentityHubApp().With("IdentityHub:Passwords:BreachCheck:BaseUrl", service.BaseUrl.ToString());
        await app.InitializeAsync();
        var user = await app.CreateUserAsync("breach-off");
        await UpdateAsync(app, user.Id, u => u.MustChangePassword = true);
        var browser = app.NewBrowser();
        await browser.SignInAsync(user.UserName!, returnUrl: new AuthorizationRequest().Url());
        var page = await (await browser.GetAsync("/account/password/change")).Content.ReadAsStringAsync();

        var changed = await browser.PostPageFormAsync(page, "/account/password/change",
            new Dictionary<string, string> { ["NewPassword"] = BreachedPassword, ["ConfirmPassword"] = BreachedPassword });

        Assert.DoesNotContain("known data breach", HtmlPage.TextOf(page));
        Assert.True(Browser.IsRedirectTo(changed, "/connect/authorize"), changed.Headers.Location?.ToString());
        Assert.Empty(service.Requests);
    }

    /// <summary>A stand-in range API: the listed passwords under their prefix, among other entries and padding.</summary>
    private static async Task<HttpStandIn> RangeServiceAsync(params (string Password, int Count)[] breached)
    {
        var service = await HttpStandIn.StartAsync();
        service.DefaultReply = request =>
        {
            var lines = new List<string> { "0018A45C4D1DEF81644B54AB7F969B88D65:21", "00D4F6E8FA6EECAD2A3AA415EEC418D38EC:0" };
            foreach (var (password, count) in breached)
            {
                var (prefix, suffix) = Sha1(password);
                if (request.Path == "/range/" + prefix)
                {
                    lines.Add($"{suffix}:{count}");
                }
            }

            lines.Add("FFFFF0000000000000000000000000000FF:0");
            return new StandInReply(200, string.Join("\r\n", lines));
        };
        return service;
    }

    private static async Task<IdentityHubApp> StartAsync(HttpStandIn service, params (string Key, string Value)[] settings)
    {
        var app = new IdentityHubApp()
            .With("IdentityHub:Passwords:BreachCheck:Enabled", "true")
            .With("IdentityHub:Passwords:BreachCheck:BaseUrl", service.BaseUrl.ToString());
        foreach (var (key, value) in settings)
        {
            app.With(key, value);
        }

        await app.InitializeAsync();
        return app;
    }

    /// <summary>Computed here, independently of the server's code.</summary>
    private static (string Prefix, string Suffix) Sha1(string password)
    {
#pragma warning disable CA5350 // The range API is keyed by SHA-1.
        var hex = Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(password)));
#pragma warning restore CA5350
        return (hex[..5], hex[5..]);
    }

    private static async Task<IdentityResult> CreateAsync(IdentityHubApp app, string userName, string password)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityHubUser>>();
        return await users.CreateAsync(new IdentityHubUser { UserName = userName, Email = userName + "@clinic.example" }, password);
    }

    private static async Task UpdateAsync(IdentityHubApp app, string userId, Action<IdentityHubUser> change)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityHubUser>>();
        var user = (await users.FindByIdAsync(userId))!;
        change(user);
        Assert.True((await users.UpdateAsync(user)).Succeeded);
    }

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
