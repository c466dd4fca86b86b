using System.Text.RegularExpressions;
using IdentityHub.Server.Tests.Account;
using IdentityHub.Server.Tests.Infrastructure;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Telemetry;

/// <summary>
/// No secret in any log line (O3): one server logging everything (every category at Trace) through the production
/// JSON formatter walks a sign-in with an emailed code, a code flow with refresh, client credentials and a password
/// reset; then every line, with its scopes and exception text, is searched for each secret the flows used.
/// </summary>
public sealed class LogSecretsTests
{
    private const string NewPassword = "a brand new and rather long passphrase";

    [Fact]
    public async Task No_password_code_token_secret_email_or_phone_number_reaches_a_log_line()
    {
        var logs = new FormattedLogs();
        await using var app = new IdentityHubApp()
            .With("Logging:LogLevel:Default", "Trace")
            .With("Logging:LogLevel:Microsoft", "Trace")
            .With("Logging:LogLevel:Microsoft.AspNetCore", "Trace")
            .With("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Trace")
            .With("Logging:LogLevel:OpenIddict", "Trace")
            .LogTo(logs);
        await app.InitializeAsync();
        var secrets = new List<(string What, string Value)>
        {
            ("password", TestUsers.Password),
            ("new password", NewPassword),
            ("portal client secret", TestClients.PortalSecret),
            ("integration client secret", TestClients.IntegrationSecret),
        };

        // A sign-in with an emailed code, then the portal's code flow: code, refresh, and a refresh of the refresh.
        var name = NewName("logs");
        var user = await app.CreateUserAsync(name);
        secrets.Add(("email address", user.Email!));
        secrets.Add(("phone number", user.PhoneNumber!));
        var browser = app.NewBrowser();
        var request = new AuthorizationRequest();
        var returnUrl = await browser.StartAtPortalAsync(request);
        var challenge = await browser.PasswordToChallengeAsync(name, returnUrl);
        var code = app.Messages.CodeSentTo(user.Email!);
        secrets.Add(("sign-in code", code));
        var authorization = await browser.BackToPortalAsync(await browser.VerifyAsync(challenge, code), request);
        secrets.Add(("authorization code", authorization.Code));
        var tokens = new TokenClient(app.CreateClient(), TestClients.Portal, TestClients.PortalSecret);
        var issued = (await tokens.RedeemAsync(authorization)).EnsureSuccess();
        var refreshed = (await tokens.RefreshAsync(issued.RefreshToken)).EnsureSuccess();
        secrets.AddRange([("access token", issued.AccessToken), ("ID token", issued.IdToken), ("refresh token", issued.RefreshToken),
            ("refreshed access token", refreshed.AccessToken), ("refreshed refresh token", refreshed.RefreshToken)]);
        var introspected = await tokens.IntrospectAsync(refreshed.AccessToken);
        Assert.True(introspected.GetProperty("active").GetBoolean());

        // Client credentials for an integration.
        var integration = new TokenClient(app.CreateClient(), TestClients.Integration, TestClients.IntegrationSecret);
        secrets.Add(("client credentials token", (await integration.ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess().AccessToken));

        // A forgotten password: username and email, the emailed code, a new password.
        var reset = app.NewBrowser();
        var started = await reset.SubmitAsync(ForgotPasswordTests.Start, new Dictionary<string, string> { ["Input.Username"] = name, ["Input.Email"] = user.Email! });
        Assert.True(Browser.IsRedirectTo(started, ForgotPasswordTests.Verify), Describe(started));
        var verify = await reset.PageAsync(ForgotPasswordTests.Verify);
        var resetCode = app.Messages.CodeSentTo(user.Email!);
        secrets.Add(("reset code", resetCode));
        var verified = await reset.PostPageFormAsync(verify, ForgotPasswordTests.Verify + "?handler=Verify", new Dictionary<string, string> { ["Code"] = resetCode });
        Assert.True(Browser.IsRedirectTo(verified, ForgotPasswordTests.NewPassword), Describe(verified));
        var form = await reset.PageAsync(ForgotPasswordTests.NewPassword);
        var changed = await reset.PostPageFormAsync(form, ForgotPasswordTests.NewPassword,
            new Dictionary<string, string> { ["NewPassword"] = NewPassword, ["ConfirmPassword"] = NewPassword });
        Assert.True(Browser.IsRedirectTo(changed, ForgotPasswordTests.Done), Describe(changed));

        var lines = logs.Lines;
        Assert.True(lines.Count > 200, $"Only {lines.Count} lines were logged: the test would prove nothing.");
        Assert.Contains(lines, line => line.Contains("\"category\":\"OpenIddict.Server.OpenIddictServerDispatcher\"", StringComparison.Ordinal));
        var leaks = Leaks(lines, secrets);
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Select(leak => $"The {leak.What} is in: {leak.Line}")));

        // The scan itself finds a secret: one leaky line (as a careless log call would write it) is caught.
        logs.AddUnformatted($"{{\"message\":\"Checking the code {code} for {name}\"}}");
        Assert.Equal(["sign-in code"], Leaks(logs.Lines, secrets).Select(leak => leak.What).Distinct());
    }

    /// <summary>Each secret found, with the first line it is in. Codes count only as a whole number (not inside a longer one).</summary>
    private static List<(string What, string Line)> Leaks(IReadOnlyList<string> lines, IEnumerable<(string What, string Value)> secrets)
    {
        var leaks = new List<(string, string)>();
        foreach (var (what, value) in secrets)
        {
            var pattern = value.All(char.IsAsciiDigit) ? new Regex($@"(?<!\d){value}(?!\d)") : new Regex(Regex.Escape(value), RegexOptions.IgnoreCase);
            var json = System.Text.Json.JsonEncodedText.Encode(value).ToString();
            if (lines.FirstOrDefault(line => pattern.IsMatch(line) || (json != value && line.Contains(json, StringComparison.OrdinalIgnoreCase))) is { } found)
            {
                leaks.Add((what, found));
            }
        }

        return leaks;
    }
}
