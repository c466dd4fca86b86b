using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Performance;

/// <summary>
/// How many database commands (round trips) the busiest flows take (O7: a sign-in should not take dozens of
/// queries; see docs/benchmarks.md). The counts are exact, unlike the benchmark's timings, so a change that adds a round
/// trip shows up here first. The budgets are the counts when this test was written; lower one when a
/// change saves a round trip.
/// </summary>
public sealed class DatabaseRoundTripTests : IAsyncLifetime
{
    private readonly IdentityHubApp _app = new IdentityHubApp().LogCommands();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task A_sign_in_with_an_emailed_code_and_its_tokens_take_28_round_trips()
    {
        var user = await _app.CreateUserAsync(MfaSteps.NewName("roundtrips"));
        var browser = _app.NewBrowser();

        var authorization = await MeasureAsync(() => browser.CodeFlowAsync(user.UserName!, new AuthorizationRequest()));
        var tokens = await MeasureAsync(async () => (await TokenClient.For(_app).RedeemAsync(authorization.Result)).EnsureSuccess());

        // Authorize (client), password (rate-limit counters, user, audit, methods), challenge page (user, methods, the hour's codes,
        // the new code, delivery audit, code-sent audit, recovery codes, passkeys), code (rate-limit counters, user, methods, code, its
        // audit and the method's last use, terms, recovery codes, sign-in time and its audit), authorize (user,
        // authorization, code written once), token (code, user, redemption, new refresh token).
        Assert.True(authorization.Commands + tokens.Commands <= 28, $"{authorization.Commands} + {tokens.Commands} round trips:{Environment.NewLine}{authorization.Log}{Environment.NewLine}{tokens.Log}");
        Assert.True(tokens.Commands <= 4, tokens.Log);
    }

    [Fact]
    public async Task A_refresh_takes_4_round_trips_and_a_client_credentials_token_none()
    {
        var user = await _app.CreateUserAsync(MfaSteps.NewName("refresh"));
        var authorization = await _app.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest());
        var first = (await TokenClient.For(_app).RedeemAsync(authorization)).EnsureSuccess();

        var refreshed = await MeasureAsync(async () => (await TokenClient.For(_app).RefreshAsync(first.RefreshToken)).EnsureSuccess());
        Assert.True(refreshed.Commands <= 4, refreshed.Log);

        var service = TokenClient.For(_app, TestClients.Integration, TestClients.IntegrationSecret);
        (await service.ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess(); // the client is read once per node
        var issued = await MeasureAsync(async () => (await service.ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess());
        Assert.True(issued.Commands == 0, issued.Log);
    }

    private async Task<Measured<T>> MeasureAsync<T>(Func<Task<T>> flow)
    {
        var log = _app.Commands!;
        log.Clear();
        var result = await flow();
        var commands = log.Commands.Count(command => command.Request != CommandLog.Background);
        return new Measured<T>(result, commands, log.Describe());
    }

    private sealed record Measured<T>(T Result, int Commands, string Log);
}
