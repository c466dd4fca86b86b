using System.Net;
using IdentityHub.Core.Organizations;
using IdentityHub.Data.Users;
using IdentityHub.Server.Commands;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Commands;

/// <summary>
/// <c>create-platform-admin</c> (O5, D3): the first platform administrator of a new deployment, with a
/// temporary password printed once that must be changed at the first sign-in (A4).
/// </summary>
public sealed class CreatePlatformAdminCommandTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    private const string NewPassword = "quiet harbor lantern morning";

    [Fact]
    public async Task The_printed_password_signs_in_and_leads_to_enrollment_then_the_password_change()
    {
        var name = NewName("admin");
        var email = name + "@plan.example";

        var run = await RunAsync(name, email, "--given-name", "Ada", "--family-name", "Okafor");

        Assert.True(run.Exit == 0, run.Error);
        Assert.Equal("", run.Error);
        var password = PasswordIn(run.Output);
        Assert.Equal(2, run.Output.Split(password).Length);
        var admin = await ReloadAsync(name);
        Assert.Equal(AdministrativeRole.PlatformAdministrator, admin.AdministrativeRole);
        Assert.Null(admin.OrganizationId);
        Assert.True(admin.MustChangePassword);
        Assert.True(admin.EmailConfirmed);
        Assert.Equal(email, admin.Email);
        Assert.Equal(("Ada", "Okafor"), (admin.GivenName, admin.FamilyName));
        var audit = await app.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.UserId == admin.Id && e.Event == "account.platform_admin_created"));
        Assert.DoesNotContain(password, audit.Detail ?? "", StringComparison.Ordinal);

        var browser = app.NewBrowser();
        var signedIn = await browser.SubmitPasswordAsync(name, password, new AuthorizationRequest().Url());
        Assert.True(Browser.IsRedirectTo(signedIn, Enroll), Describe(signedIn));
        var enrolled = await browser.EnrollAsync(app, "Email", new Dictionary<string, string> { ["Email"] = email }, email);
        Assert.True(Browser.IsRedirectTo(enrolled, "/account/password/change"), Describe(enrolled));

        var page = await browser.PageAsync("/account/password/change");
        var changed = await browser.PostPageFormAsync(page, "/account/password/change", new Dictionary<string, string> { ["NewPassword"] = NewPassword, ["ConfirmPassword"] = NewPassword });
        Assert.True(Browser.IsRedirectTo(changed, "/account/terms"), Describe(changed));
        Assert.False((await ReloadAsync(name)).MustChangePassword);

        // The names given to the command are the ones the terms are signed with.
        var terms = await browser.PageAsync("/account/terms");
        var signed = await browser.PostPageFormAsync(terms, "/account/terms", new Dictionary<string, string> { ["FirstName"] = "Ada", ["LastName"] = "Okafor" });
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
    }

    [Fact]
    public async Task A_taken_username_is_refused_whatever_its_case()
    {
        var name = NewName("taken");
        await app.CreateUserAsync(name);

        var run = await RunAsync(name.ToUpperInvariant(), NewName("other") + "@plan.example", "--given-name", "Ada", "--family-name", "Okafor");

        Assert.Equal(1, run.Exit);
        Assert.Equal($"The username '{name.ToUpperInvariant()}' is taken.", run.Error.Trim());
        Assert.Equal("", run.Output);
        Assert.Equal(AdministrativeRole.GeneralUser, (await ReloadAsync(name)).AdministrativeRole);
    }

    [Fact]
    public async Task An_email_already_on_an_account_is_refused()
    {
        var holder = NewName("holder");
        await app.CreateUserAsync(holder);
        var name = NewName("admin");

        var run = await RunAsync(name, EmailOf(holder).ToUpperInvariant(), "--given-name", "Ada", "--family-name", "Okafor");

        Assert.Equal(1, run.Exit);
        Assert.Contains("is already on an account", run.Error, StringComparison.Ordinal);
        Assert.Null(await FindAsync(name));
    }

    [Theory]
    [InlineData("not-an-email", "is not an address like name@example.com")]
    [InlineData("ada@plan", "is not an address like name@example.com")]
    public async Task An_invalid_email_is_refused(string email, string message)
    {
        var name = NewName("admin");

        var run = await RunAsync(name, email, "--given-name", "Ada", "--family-name", "Okafor");

        Assert.Equal(1, run.Exit);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Null(await FindAsync(name));
    }

    [Fact]
    public async Task A_username_against_the_rules_is_refused()
    {
        var run = await RunAsync("ada;okafor", "ada@plan.example", "--given-name", "Ada", "--family-name", "Okafor");

        Assert.Equal(1, run.Exit);
        Assert.Contains("cannot contain these characters: ;", run.Error, StringComparison.Ordinal);
        Assert.Null(await FindAsync("ada;okafor"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ada")]
    [InlineData("ada ada@plan.example")]
    [InlineData("ada ada@plan.example --given-name Ada")]
    [InlineData("ada ada@plan.example --given-name Ada --family-name")]
    [InlineData("ada ada@plan.example --given-name Ada --family-name Okafor --organization Plan")]
    [InlineData("ada ada@plan.example extra --given-name Ada --family-name Okafor")]
    public async Task Wrong_usage_prints_the_usage_line_and_exits_2(string commandLine)
    {
        var arguments = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        var run = await RunAsync(arguments);

        Assert.Equal(2, run.Exit);
        Assert.Contains("Usage: create-platform-admin <username> <email>", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
        Assert.Null(await FindAsync("ada"));
    }

    private static string PasswordIn(string output)
    {
        const string Label = "Temporary password: ";
        var line = output.Split('\n').Single(line => line.StartsWith(Label, StringComparison.Ordinal));
        return line[Label.Length..].Trim();
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CreatePlatformAdminCommand.RunAsync(app.Services, arguments, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private async Task<IdentityHubUser?> FindAsync(string userName)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<IdentityHubUser>>().FindByNameAsync(userName);
    }

    private async Task<IdentityHubUser> ReloadAsync(string userName) =>
        await FindAsync(userName) ?? throw new InvalidOperationException($"No user {userName}.");
}
