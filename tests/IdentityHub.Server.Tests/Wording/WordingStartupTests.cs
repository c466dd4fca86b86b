using Microsoft.Extensions.DependencyInjection;
using IdentityHub.Hosting.Branding;
using IdentityHub.Hosting.Wording;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Tests.Wording;

/// <summary>Settings a plan gets wrong stop the server with one line naming the key: unreadable colours, unknown texts, missing files.</summary>
public sealed class WordingStartupTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Fact]
    public void Colours_below_4_5_to_1_are_refused_naming_both_keys_and_the_ratio()
    {
        var options = new BrandingOptions { Colors = { Primary = "#7fb2e5" } };
        options.Portals["member-portal"] = new BrandingSettings { Colors = { Link = "#999" } };

        var failures = Validate(options);

        Assert.Contains("IdentityHub:Branding:Colors:OnPrimary (#ffffff) on IdentityHub:Branding:Colors:Primary (#7fb2e5) has a contrast of 2.2:1; text needs at least 4.5:1.", failures);
        Assert.Contains("IdentityHub:Branding:Portals:member-portal:Colors:Link (#999) on the white of the page's card (#ffffff) has a contrast of 2.8:1; text needs at least 4.5:1.", failures);
    }

    [Fact]
    public void The_default_look_and_a_readable_plan_pass()
    {
        Assert.Empty(Validate(new BrandingOptions()));
        Assert.Empty(Validate(new BrandingOptions { Colors = { Primary = "#2B4D1F", PrimaryHover = "#000", Link = "#1d3514" } }));
    }

    [Theory]
    [InlineData("Primary", "green", "IdentityHub:Branding:Colors:Primary: 'green' is not a colour; write it as #rgb or #rrggbb.")]
    [InlineData("Link", "#12345", "IdentityHub:Branding:Colors:Link: '#12345' is not a colour; write it as #rgb or #rrggbb.")]
    public void A_colour_that_is_not_hex_is_named(string key, string value, string message)
    {
        var options = new BrandingOptions();
        typeof(BrandColors).GetProperty(key)!.SetValue(options.Colors, value);

        Assert.Contains(message, Validate(options));
    }

    [Fact]
    public void A_missing_logo_a_link_that_is_not_https_and_a_tagline_without_language_are_named()
    {
        var options = new BrandingOptions { Logo = "/nowhere/logo.png", Links = { Privacy = "javascript:alert(1)" }, Taglines = [new Tagline { Text = "ATENCIÓN" }] };

        var failures = Validate(options);

        Assert.Contains("IdentityHub:Branding:Logo: no file at /nowhere/logo.png.", failures);
        Assert.Contains("IdentityHub:Branding:Links:Privacy: 'javascript:alert(1)' must be an https address or a path starting with /.", failures);
        Assert.Contains("IdentityHub:Branding:Taglines:0: needs a Language (a tag such as zh or vi) and a Text.", failures);
    }

    [Fact]
    public void A_text_that_does_not_exist_or_a_language_the_pages_do_not_speak_is_named_and_the_consoles_texts_are_left_to_the_admin_host()
    {
        var options = new WordingOptions();
        options.Texts["en"] = new() { ["Login.Sumbit"] = "Log on", ["Login.Submit"] = "Log on", ["ConsoleHome.Title"] = "Administration home" };
        options.Texts["fr"] = new() { ["Login.Submit"] = "Connexion" };
        options.Portals["member-portal"] = new() { ["es"] = new() { ["Challenge.Nope"] = "x" } };

        var failures = new WordingOptionsValidator(app.Services.GetRequiredService<WordingCatalog>(), [OtherHostsTexts.Console]).Validate(null, options).Failures!.ToList();

        Assert.Equal(
            [
                "IdentityHub:Wording:Texts:en:Login.Sumbit: no text has this key (docs/wording.md lists them all).",
                "IdentityHub:Wording:Texts:fr: the language must be one of en, es.",
                "IdentityHub:Wording:Portals:member-portal:es:Challenge.Nope: no text has this key (docs/wording.md lists them all).",
            ],
            failures);
    }

    [Fact]
    public async Task A_wording_file_is_read_and_settings_win_over_it()
    {
        var file = Path.Combine(Path.GetTempPath(), $"wording-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """
            { "Texts": { "en": { "Login.Submit": "Log on", "Login.Title": "Welcome back" } },
              "Portals": { "member-portal": { "es": { "Login.Title": "Bienvenido" } } } }
            """);
        var options = new WordingOptions { File = file };
        options.Texts["en"] = new() { ["Login.Title"] = "Sign in to Sunrise" };

        new WordingFile(app.Services.GetRequiredService<IHostEnvironment>()).PostConfigure(null, options);
        File.Delete(file);

        Assert.Equal("Log on", options.Texts["en"]["Login.Submit"]);
        Assert.Equal("Sign in to Sunrise", options.Texts["en"]["Login.Title"]);
        Assert.Equal("Bienvenido", options.Portals["member-portal"]["es"]["Login.Title"]);
    }

    [Fact]
    public async Task The_server_does_not_start_with_unreadable_colours_or_a_missing_wording_file_and_says_each()
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = $"http://localhost:{FreeTcpPort.Next()}",
            ["IdentityHub__Database__Provider"] = "Postgres",
            ["ConnectionStrings__IdentityHub"] = await PostgresCluster.Shared.CreateDatabaseAsync("branding"),
            ["IdentityHub__Branding__Colors__Primary"] = "#7fb2e5",
            ["IdentityHub__Wording__File"] = "/nowhere/wording.json",
        };

        await using var server = AppProcess.Start("src/IdentityHub.Server", environment, "migrate");

        Assert.Equal(1, await server.WaitForExitAsync());
        Assert.Contains("IdentityHub cannot start:", server.Output);
        Assert.Contains("IdentityHub:Wording:File: /nowhere/wording.json cannot be read", server.Output);
        Assert.Contains("IdentityHub:Branding:Colors:OnPrimary (#ffffff) on IdentityHub:Branding:Colors:Primary (#7fb2e5) has a contrast of 2.2:1", server.Output);
        Assert.DoesNotContain("   at ", server.Output);
    }

    private List<string> Validate(BrandingOptions options) =>
        new BrandingOptionsValidator(app.Services.GetRequiredService<IHostEnvironment>()).Validate(null, options).Failures?.ToList() ?? [];
}
