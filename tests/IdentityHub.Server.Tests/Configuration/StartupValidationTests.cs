using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Configuration;

/// <summary>A wrong setting stops the server with a message naming the key.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("IdentityHub:Tokens:AccessTokenLifetime", "-00:05:00", "IdentityHub:Tokens:AccessTokenLifetime")]
    [InlineData("IdentityHub:Keys:PublishAhead", "400.00:00:00", "IdentityHub:Keys:PublishAhead")]
    [InlineData("IdentityHub:Clients:0:GrantTypes:0", "password", "IdentityHub:Clients:0:GrantTypes")]
    [InlineData("IdentityHub:Clients:0:Scopes:1", "undeclared-api", "IdentityHub:Clients:0:Scopes")]
    [InlineData("IdentityHub:Issuer", "ftp://example.org", "IdentityHub:Issuer")]
    public async Task A_bad_setting_stops_start_up_and_names_the_key(string key, string value, string named)
    {
        await using var app = new IdentityHubApp().With(key, value);
        await app.InitializeAsync();

        var failure = Record.Exception(() => app.Server);

        Assert.NotNull(failure);
        Assert.Contains(named, Flatten(failure));
    }

    [Fact]
    public void An_unknown_database_provider_is_named_with_its_key()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["IdentityHub:Database:Provider"] = "Oracle" })
            .Build();

        var failure = Assert.Throws<IdentityHub.Server.Hosting.StartupException>(() =>
            IdentityHub.Server.Hosting.DatabaseSettings.From(configuration, new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ContentRootPath = Path.GetTempPath() }));

        Assert.Contains("IdentityHub:Database:Provider", failure.Message);
    }

    [Fact]
    public void Postgres_without_a_connection_string_is_named_with_its_key()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["IdentityHub:Database:Provider"] = "Postgres" })
            .Build();

        var failure = Assert.Throws<IdentityHub.Server.Hosting.StartupException>(() =>
            IdentityHub.Server.Hosting.DatabaseSettings.From(configuration, new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ContentRootPath = Path.GetTempPath() }));

        Assert.Contains("ConnectionStrings:IdentityHub", failure.Message);
    }

    private static string Flatten(Exception exception) =>
        exception is AggregateException aggregate
            ? string.Join(" | ", aggregate.InnerExceptions.Select(Flatten))
            : exception.Message + (exception.InnerException is { } inner ? " | " + Flatten(inner) : "");
}
