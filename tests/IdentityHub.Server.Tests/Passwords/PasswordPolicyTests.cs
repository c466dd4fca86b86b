using IdentityHub.Data;
using IdentityHub.Data.Users;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Server.Tests.Passwords;

/// <summary>The username (A1) and password (A2) rules and lockout (A3) as every path that sets a password applies them.</summary>
public sealed class PasswordPolicyTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Theory]
    [InlineData("dragon1234!", "too common")]
    [InlineData("short", "at least 8")]
    public async Task The_nist_preset_refuses_short_and_common_passwords_in_plain_words(string password, string expected)
    {
        var result = await CreateAsync("nist-" + Guid.NewGuid().ToString("N")[..6], password);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, error => error.Description.Contains(expected, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_password_containing_the_username_is_refused()
    {
        var name = "rosalind" + Guid.NewGuid().ToString("N")[..4];

        var result = await CreateAsync(name, name + " likes long walks");

        Assert.Contains(result.Errors, error => error.Code == "ContainsPersonalInfo");
    }

    [Fact]
    public async Task The_nist_preset_accepts_a_long_passphrase_without_composition_rules()
    {
        var result = await CreateAsync("phrase-" + Guid.NewGuid().ToString("N")[..6], "orange kayak under seven moons");

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    [Fact]
    public async Task The_last_passwords_cannot_be_chosen_again()
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityHubUser>>();
        var user = await app.CreateUserAsync("history-" + Guid.NewGuid().ToString("N")[..6]);
        user = (await users.FindByIdAsync(user.Id))!;

        Assert.True((await users.ChangePasswordAsync(user, TestUsers.Password, "violet canyon drifts at noon")).Succeeded);
        var back = await users.ChangePasswordAsync(user, "violet canyon drifts at noon", TestUsers.Password);

        Assert.False(back.Succeeded);
        Assert.Contains(back.Errors, error => error.Code == "Reused");
        var db = scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>();
        Assert.Equal(1, await db.PasswordHistory.CountAsync(entry => entry.UserId == user.Id));
        Assert.Equal(app.Clock.GetUtcNow(), user.PasswordChangedAt!.Value, TimeSpan.FromMilliseconds(1));
    }

    [Theory]
    [InlineData("rosa;ramirez", "cannot contain these characters: ;")]
    [InlineData("a(b)", "cannot contain these characters: ( )")]
    public async Task A_username_with_refused_characters_is_refused_by_name(string userName, string expected)
    {
        var result = await CreateAsync(userName, "orange kayak under seven moons");

        Assert.Contains(result.Errors, error => error.Description.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_taken_username_in_any_case_says_that_username_is_taken()
    {
        var name = "Taken" + Guid.NewGuid().ToString("N")[..6];
        Assert.True((await CreateAsync(name, "orange kayak under seven moons")).Succeeded);

        var again = await CreateAsync(name.ToUpperInvariant(), "violet canyon drifts at noon");

        Assert.Contains(again.Errors, error => error.Description == "That username is taken.");
    }

    [Fact]
    public async Task The_legacy_preset_asks_for_mixed_case_and_a_special_character()
    {
        await using var legacy = new IdentityHubApp().With("IdentityHub:Passwords:Preset", "Legacy");
        await legacy.InitializeAsync();
        using var scope = legacy.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityHubUser>>();

        var plain = await users.CreateAsync(new IdentityHubUser { UserName = "legacy-a" }, "orange kayak moons");
        var strong = await users.CreateAsync(new IdentityHubUser { UserName = "legacy-b" }, "Orange-Kayak-Moons");

        Assert.Contains(plain.Errors, error => error.Code == "NeedsMixedCase");
        Assert.True(strong.Succeeded, string.Join(" ", strong.Errors.Select(e => e.Description)));
    }

    [Fact]
    public async Task Lockout_follows_the_configured_number_of_failures()
    {
        await using var strict = new IdentityHubApp().With("IdentityHub:Lockout:MaxFailedAttempts", "3");
        await strict.InitializeAsync();
        var user = await strict.CreateUserAsync("lockme");
        var browser = strict.NewBrowser();

        for (var i = 0; i < 2; i++)
        {
            await browser.SubmitPasswordAsync(user.UserName!, "not the password at all");
        }

        Assert.Null(await strict.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).SingleAsync()));
        await browser.SubmitPasswordAsync(user.UserName!, "not the password at all");
        Assert.NotNull(await strict.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).SingleAsync()));

        var locked = await browser.SubmitPasswordAsync(user.UserName!);
        Assert.Equal(System.Net.HttpStatusCode.OK, locked.StatusCode);
        Assert.StartsWith("This account is locked", (await HtmlPage.ReadAsync(locked)).TextAt("#sign-in-error"));
    }

    private async Task<IdentityResult> CreateAsync(string userName, string password)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityHubUser>>();
        return await users.CreateAsync(new IdentityHubUser { UserName = userName, Email = userName + "@clinic.example" }, password);
    }
}
