using System.Text.Json;
using IdentityHub.Server.Commands;
using IdentityHub.Server.Tests.Infrastructure;

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
    public async Task Secrets_are_masked_and_everything_else_is_shown_as_set()
    {
        await using var app = new IdentityHubApp()
            .With("ConnectionStrings:Reports", $"Host=db.internal;Port=5433;Database=reports;Username=reader;Password={DatabasePassword}")
            .With("IdentityHub:Delivery:Email:0:Type", "Smtp")
            .With("IdentityHub:Delivery:Email:0:Host", "smtp.plan.example")
            .With("IdentityHub:Delivery:Email:0:Port", "2525")
            .With("IdentityHub:Delivery:Email:0:Security", "None")
            .With("IdentityHub:Delivery:Email:0:UserName", "relay-user")
            .With("IdentityHub:Delivery:Email:0:Password", SmtpPassword)
            .With("IdentityHub:Delivery:Email:0:From", "no-reply@plan.example")
            .With("IdentityHub:Delivery:Sms:0:Type", "Twilio")
            .With("IdentityHub:Delivery:Sms:0:AccountSid", "AC0123456789")
            .With("IdentityHub:Delivery:Sms:0:AuthToken", TwilioToken)
            .With("IdentityHub:Delivery:Sms:0:From", "+16505550100")
            .With("IdentityHub:Delivery:Voice:0:Type", "Webhook")
            .With("IdentityHub:Delivery:Voice:0:Url", $"https://hooks:{UrlPassword}@voice.plan.example/send")
            .With("IdentityHub:Delivery:Voice:0:Secret", WebhookSecret)
            .With("IdentityHub:RateLimits:Redis", $"redis.internal:6379,password={RedisPassword},ssl=true");
        await app.InitializeAsync();
        using var output = new StringWriter();

        Assert.Equal(0, ExportConfigCommand.Run(app.Services, output));

        var text = output.ToString();
        foreach (var secret in new[] { SmtpPassword, WebhookSecret, TwilioToken, DatabasePassword, RedisPassword, UrlPassword, TestClients.PortalSecret, TestClients.IntegrationSecret, "AC0123456789", "relay-user", TestCertificatesPassword() })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        var json = JsonDocument.Parse(text).RootElement;
        Assert.Equal("Testing", json.GetProperty("Environment").GetString());
        var reports = json.GetProperty("ConnectionStrings").GetProperty("Reports").GetString()!;
        Assert.Contains("host=db.internal", reports, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("database=reports", reports, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("password=********", reports, StringComparison.OrdinalIgnoreCase);
        var email = json.GetProperty("IdentityHub").GetProperty("Delivery").GetProperty("Email")[0];
        Assert.Equal(("smtp.plan.example", "2525", "********"), (email.GetProperty("Host").GetString(), email.GetProperty("Port").GetString(), email.GetProperty("Password").GetString()));
        var voice = json.GetProperty("IdentityHub").GetProperty("Delivery").GetProperty("Voice")[0];
        Assert.Equal("https://hooks:********@voice.plan.example/send", voice.GetProperty("Url").GetString());
        Assert.Equal("redis.internal:6379,password=********,ssl=true", json.GetProperty("IdentityHub").GetProperty("RateLimits").GetProperty("Redis").GetString());
        var portal = json.GetProperty("IdentityHub").GetProperty("Clients").EnumerateArray().First(client => client.GetProperty("ClientId").GetString() == TestClients.Portal);
        Assert.Equal("********", portal.GetProperty("ClientSecret").GetString());
        Assert.Equal(JsonValueKind.Array, portal.GetProperty("RedirectUris").ValueKind);
    }

    [Theory]
    [InlineData("IdentityHub:Tokens:AccessTokenLifetime", "00:10:00", "00:10:00")]
    [InlineData("IdentityHub:Keys:PublishAhead", "7.00:00:00", "7.00:00:00")]
    [InlineData("IdentityHub:Admin:Console:ClientSecret", "console-secret", SecretMask.Hidden)]
    [InlineData("IdentityHub:DataProtection:Certificate:Password", "pfx-password", SecretMask.Hidden)]
    [InlineData("IdentityHub:Integrations:ApiKeys:0", "api-key", SecretMask.Hidden)]
    [InlineData("IdentityHub:Delivery:Email:0:Host", "smtp.plan.example", "smtp.plan.example")]
    [InlineData("ConnectionStrings:IdentityHub", "Host=db;Password=pw;Database=identityhub", "host=db;password=********;database=identityhub")]
    [InlineData("ConnectionStrings:IdentityHub", "Data Source=App_Data/identityhub.db", "data source=App_Data/identityhub.db")]
    public void A_value_is_masked_by_what_its_key_names(string key, string value, string shown)
    {
        Assert.Equal(shown, SecretMask.Show(key, value), StringComparer.OrdinalIgnoreCase);
    }

    private static string TestCertificatesPassword() => IdentityHub.Testing.TestCertificates.KeyRing.Password;
}
