using System.Text.Json;
using IdentityHub.Server.Commands;
using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Testing;

namespace IdentityHub.Server.Tests.Commands;

/// <summary>
/// <c>export-config</c> (O5): the settings a node runs with, as JSON, without a secret in it, so that it can be shared
/// and compared; the values that are not secrets (hosts, durations, lists) are shown as set.
/// </summary>
public sealed class ExportConfigCommandTests
{
    private const string SmtpPassword = "smtp-relay-password-1";
    private const string WebhookSecret = "webhook-signing-secret-2";
    private const string TwilioToken = "twilio-auth-token-3";
    private const string DatabasePassword = "database-password-4";
    private const string RedisPassword = "redis-password-5";
    private const string UrlPassword = "url-password-6";

    [Fact]
    public async Task Secrets_are_masked_and_everything_else_is_shown_as_set_without_a_database_or_valid_settings()
    {
        var environment = TestClients.Settings().ToDictionary(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal), pair => pair.Value);
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["IdentityHub:Database:Provider"] = "Postgres",
            // Never contacted: the command reads settings only.
            ["ConnectionStrings:IdentityHub"] = $"Host=db.internal;Port=5433;Database=identityhub;Username=identityhub;Password={DatabasePassword}",
            ["IdentityHub:DataProtection:Certificate:Path"] = TestCertificates.KeyRing.Path,
            ["IdentityHub:DataProtection:Certificate:Password"] = TestCertificates.KeyRing.Password,
            // A wrong value: shown, not refused, so that it can be seen.
            ["IdentityHub:Tokens:AccessTokenLifetime"] = "ten minutes",
            ["IdentityHub:Delivery:Email:0:Type"] = "Smtp",
            ["IdentityHub:Delivery:Email:0:Host"] = "smtp.plan.example",
            ["IdentityHub:Delivery:Email:0:Port"] = "2525",
            ["IdentityHub:Delivery:Email:0:UserName"] = "relay-user",
            ["IdentityHub:Delivery:Email:0:Password"] = SmtpPassword,
            ["IdentityHub:Delivery:Sms:0:Type"] = "Twilio",
            ["IdentityHub:Delivery:Sms:0:AccountSid"] = "AC0123456789",
            ["IdentityHub:Delivery:Sms:0:AuthToken"] = TwilioToken,
            ["IdentityHub:Delivery:Voice:0:Type"] = "Webhook",
            ["IdentityHub:Delivery:Voice:0:Url"] = $"https://hooks:{UrlPassword}@voice.plan.example/send",
            ["IdentityHub:Delivery:Voice:0:Secret"] = WebhookSecret,
            ["IdentityHub:RateLimits:Redis"] = $"redis.internal:6379,password={RedisPassword},ssl=true",
        })
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        await using var process = AppProcess.Start("src/IdentityHub.Server", environment, "export-config");

        Assert.True(await process.WaitForExitAsync() == 0, process.Output);
        var text = process.Output;
        foreach (var secret in new[] { SmtpPassword, WebhookSecret, TwilioToken, DatabasePassword, RedisPassword, UrlPassword, TestClients.PortalSecret, TestClients.IntegrationSecret, "AC0123456789", "relay-user", TestCertificates.KeyRing.Password })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        var json = JsonDocument.Parse(text[text.IndexOf('{', StringComparison.Ordinal)..(text.LastIndexOf('}') + 1)]).RootElement;
        Assert.Equal("Production", json.GetProperty("Environment").GetString());
        var connection = json.GetProperty("ConnectionStrings").GetProperty("IdentityHub").GetString()!;
        Assert.Contains("host=db.internal", connection, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("database=identityhub", connection, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("password=********", connection, StringComparison.OrdinalIgnoreCase);
        var identityHub = json.GetProperty("IdentityHub");
        Assert.Equal("ten minutes", identityHub.GetProperty("Tokens").GetProperty("AccessTokenLifetime").GetString());
        var email = identityHub.GetProperty("Delivery").GetProperty("Email")[0];
        Assert.Equal(("smtp.plan.example", "2525", "********"), (email.GetProperty("Host").GetString(), email.GetProperty("Port").GetString(), email.GetProperty("Password").GetString()));
        var voice = identityHub.GetProperty("Delivery").GetProperty("Voice")[0];
        Assert.Equal("https://hooks:********@voice.plan.example/send", voice.GetProperty("Url").GetString());
        Assert.Equal("redis.internal:6379,password=********,ssl=true", identityHub.GetProperty("RateLimits").GetProperty("Redis").GetString());
        var portal = identityHub.GetProperty("Clients").EnumerateArray().First(client => client.GetProperty("ClientId").GetString() == TestClients.Portal);
        Assert.Equal("********", portal.GetProperty("ClientSecret").GetString());
        Assert.Equal(JsonValueKind.Array, portal.GetProperty("RedirectUris").ValueKind);
    }

    [Theory]
    [InlineData("IdentityHub:Tokens:AccessTokenLifetime", "00:10:00", "00:10:00")]
    [InlineData("IdentityHub:Keys:PublishAhead", "7.00:00:00", "7.00:00:00")]
    [InlineData("IdentityHub:Admin:Console:ClientSecret", "console-secret", SecretMask.Hidden)]
    [InlineData("IdentityHub:DataProtection:Certificate:Password", "pfx-password", SecretMask.Hidden)]
    [InlineData("IdentityHub:Integrations:ApiKeys:0", "api-key", SecretMask.Hidden)]
    [InlineData("IdentityHub:Tokens:StoreAccessTokens", "true", "true")]
    [InlineData("IdentityHub:Network:TrustedProxies:0", "10.0.0.0/8", "10.0.0.0/8")]
    [InlineData("IdentityHub:Delivery:Email:0:Host", "smtp.plan.example", "smtp.plan.example")]
    [InlineData("ConnectionStrings:IdentityHub", "Host=db;Password=pw;Database=identityhub", "host=db;password=********;database=identityhub")]
    [InlineData("ConnectionStrings:IdentityHub", "Data Source=App_Data/identityhub.db", "data source=App_Data/identityhub.db")]
    public void A_value_is_masked_by_what_its_key_names(string key, string value, string shown)
    {
        Assert.Equal(shown, SecretMask.Show(key, value), StringComparer.OrdinalIgnoreCase);
    }

}
