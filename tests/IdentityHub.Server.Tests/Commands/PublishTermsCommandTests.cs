using System.Text;
using System.Text.RegularExpressions;
using IdentityHub.Server.Commands;
using IdentityHub.Server.Seeding;
using IdentityHub.Server.Terms;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Commands;

/// <summary>
/// <c>publish-terms</c> (O5, A5): a new terms version from a file becomes the current one, and everyone
/// accepts it at their next sign-in.
/// </summary>
public sealed class PublishTermsCommandTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("identityhub-terms-").FullName;

    [Fact]
    public async Task A_published_version_is_current_and_a_user_who_signed_in_before_accepts_it_at_the_next_sign_in()
    {
        var user = await app.CreateUserAsync(NewName("accepted"));
        var before = await app.NewBrowser().SignInAsync(user.UserName!, returnUrl: new AuthorizationRequest().Url());
        Assert.False(Browser.IsRedirectTo(before, "/account/terms"), Describe(before));
        var file = await WriteAsync("terms.md", "Updated terms of use.\r\n\r\nA second paragraph about portals.\r\n");

        var run = await RunAsync(file, "--title", "Portal terms");

        Assert.True(run.Exit == 0, run.Error);
        var current = await CurrentAsync();
        Assert.Equal(("Portal terms", "Updated terms of use.\n\nA second paragraph about portals."), (current.Title, current.Text));
        Assert.Contains($"Published terms version {current.Version}", run.Output, StringComparison.Ordinal);
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Event == "terms.published" && e.Detail!.StartsWith("version " + current.Version + " "))));

        var browser = app.NewBrowser();
        var next = await browser.SignInAsync(user.UserName!, returnUrl: new AuthorizationRequest().Url());
        Assert.True(Browser.IsRedirectTo(next, "/account/terms"), Describe(next));
        var page = HtmlPage.TextOf(await browser.PageAsync("/account/terms"));
        Assert.Contains("Portal terms", page, StringComparison.Ordinal);
        Assert.Contains("A second paragraph about portals.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_version_is_the_utc_date_and_the_next_free_number_of_that_day()
    {
        var first = await RunAsync(await WriteAsync("first.txt", "First terms of the day."));
        var firstVersion = (await CurrentAsync()).Version;
        var second = await RunAsync(await WriteAsync("second.txt", "Second terms of the day."));
        var current = await CurrentAsync();

        Assert.Equal((0, 0), (first.Exit, second.Exit));
        var day = app.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var number = Regex.Match(firstVersion, $"^{Regex.Escape(day)}\\.([0-9]+)$");
        Assert.True(number.Success, firstVersion);
        Assert.Equal($"{day}.{int.Parse(number.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1}", current.Version);
        Assert.Equal(("Terms of use", "Second terms of the day."), (current.Title, current.Text));
    }

    [Fact]
    public async Task A_version_already_published_is_refused()
    {
        var before = await CurrentAsync();

        var run = await RunAsync(await WriteAsync("again.txt", "The same version again."), "--version", TermsSeeder.DefaultVersion);

        Assert.Equal(1, run.Exit);
        Assert.Equal($"Terms version '{TermsSeeder.DefaultVersion}' is already published; choose another --version.", run.Error.Trim());
        Assert.Equal(before.Id, (await CurrentAsync()).Id);
    }

    [Theory]
    [InlineData("missing", "There is no file")]
    [InlineData("empty", "is empty")]
    [InlineData("blank", "is empty")]
    [InlineData("folder", "is a folder")]
    [InlineData("binary", "is not UTF-8 text")]
    public async Task A_file_that_cannot_be_used_is_one_clear_line(string kind, string message)
    {
        var before = await CurrentAsync();
        var path = Path.Combine(_folder, kind);
        switch (kind)
        {
            case "empty":
                await File.WriteAllTextAsync(path, "");
                break;
            case "blank":
                await File.WriteAllTextAsync(path, " \r\n\t\n");
                break;
            case "folder":
                Directory.CreateDirectory(path);
                break;
            case "binary":
                await File.WriteAllBytesAsync(path, [0x50, 0x4B, 0x03, 0x04, 0xC3, 0x28, 0xFF]);
                break;
        }

        var run = await RunAsync(path);

        Assert.Equal(1, run.Exit);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Equal(before.Id, (await CurrentAsync()).Id);
    }

    [Theory]
    [InlineData("--version", "2027 01", "A terms version is 1 to 32 letters")]
    [InlineData("--version", "a-version-name-longer-than-thirty-two", "A terms version is 1 to 32 letters")]
    [InlineData("--title", " ", "A terms title is 1 to 200 characters")]
    public async Task A_malformed_version_or_title_is_refused(string option, string value, string message)
    {
        var run = await RunAsync(await WriteAsync("terms.txt", "Terms."), option, value);

        Assert.Equal(1, run.Exit);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--title")]
    [InlineData("terms.txt --version")]
    [InlineData("terms.txt other.txt")]
    [InlineData("terms.txt --force")]
    public async Task Wrong_usage_prints_the_usage_line_and_exits_2(string commandLine)
    {
        var run = await RunAsync(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(2, run.Exit);
        Assert.Contains("Usage: publish-terms <file>", run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<string> WriteAsync(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    private async Task<Data.Terms.TermsVersion> CurrentAsync()
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<TermsService>().CurrentAsync())!;
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await PublishTermsCommand.RunAsync(app.Services, arguments, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
