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
    public async Task A_sign_in_with_an_emailed_code_and_its_tokens_take_29_round_trips()
    {
        var user = await _app.CreateUserAsync(MfaSteps.NewName("roundtrips"));
        var browser = _app.NewBrowser();

        var authorization = await MeasureAsync(() => browser.CodeFlowAsync(user.UserName!, new AuthorizationRequest()));
        var tokens = await MeasureAsync(async () => (await TokenClient.For(_app).RedeemAsync(authorization.Result)).EnsureSuccess());

        // Authorize (client), password (rate-limit counters, user, audit, methods), challenge page (user, methods, the hour's codes,
        // the new code, delivery audit, code-sent audit, recovery codes, passkeys), code (rate-limit counters, user, methods, code, its
        // audit and the method's last use, whether access is on hold (D7), terms, recovery codes, sign-in time and its audit),
        // authorize (user with the portal's security profiles, authorization, code written once), token (code, user,
        // redemption, new refresh token).
        Assert.True(authorization.Commands + tokens.Commands <= 29, $"{authorization.Commands} + {tokens.Commands} round trips:{Environment.NewLine}{authorization.Log}{Environment.NewLine}{tokens.Log}");
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

        // From their second use on a pooled connection the statements run prepared (Max Auto Prepare): PostgreSQL
        // parses and plans them once per connection, not once per refresh. Which connection a command gets varies,
        // so this counts over ten refreshes after five to warm up.
        var next = refreshed.Result;
        for (var i = 0; i < 5; i++)
        {
            next = (await TokenClient.For(_app).RefreshAsync(next.RefreshToken)).EnsureSuccess();
        }

        var warm = await MeasureAsync(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                next = (await TokenClient.For(_app).RefreshAsync(next.RefreshToken)).EnsureSuccess();
            }

            return next;
        });
        Assert.True(warm.Prepared >= warm.Commands * 3 / 4, $"{warm.Prepared} of {warm.Commands} prepared:{Environment.NewLine}{warm.Log}");

        var service = TokenClient.For(_app, TestClients.Integration, TestClients.IntegrationSecret);
        (await service.ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess(); // the client is read once per node
        var issued = await MeasureAsync(async () => (await service.ClientCredentialsAsync(TestClients.ApiScope)).EnsureSuccess());
        Assert.True(issued.Commands == 0, issued.Log);
    }

    [Fact]
    public async Task Single_sign_on_to_a_second_portal_checks_the_session_from_memory_and_notes_the_portal_once()
    {
        var user = await _app.CreateUserAsync(MfaSteps.NewName("sso"));
        var browser = _app.NewBrowser();
        await browser.CodeFlowAsync(user.UserName!, new AuthorizationRequest());
        var second = new AuthorizationRequest { ClientId = TestClients.PublicPortal };

        // Client (once per node), user with the portal's security profiles, the portal noted on the session, authorization, code.
        var sso = await MeasureAsync(() => browser.AuthorizeAsync(second));
        Assert.True(sso.Commands <= 5, sso.Log);
        Assert.Equal(0, sso.Touching("\"Sessions\""));
        Assert.Equal(1, sso.Writing("\"SessionClients\""));

        var again = await MeasureAsync(() => browser.AuthorizeAsync(second));
        Assert.Equal(0, again.Touching("\"Sessions\"") + again.Writing("\"SessionClients\""));

        // Past IdentityHub:Session:CacheLifetime, one read of the record (and no more until the next lifetime).
        _app.Clock.Advance(TimeSpan.FromSeconds(5));
        var later = await MeasureAsync(async () => { await browser.AuthorizeAsync(second); return await browser.AuthorizeAsync(second); });
        Assert.Equal(1, later.Touching("\"Sessions\""));
    }

    private async Task<Measured<T>> MeasureAsync<T>(Func<Task<T>> flow)
    {
        var log = _app.Commands!;
        log.Clear();
        var result = await flow();
        var commands = log.Entries.Where(command => command.Request != CommandLog.Background).ToList();
        return new Measured<T>(result, commands.Count, log.Describe(), [.. commands.Select(c => c.Sql)], commands.Count(c => c.Prepared));
    }

    private sealed record Measured<T>(T Result, int Commands, string Log, IReadOnlyList<string> Sql, int Prepared)
    {
        /// <summary>How many commands name the table (quoted, as EF Core writes it).</summary>
        public int Touching(string table) => Sql.Count(sql => sql.Contains(" " + table, StringComparison.Ordinal));

        public int Writing(string table) => Sql.Count(sql => sql.Contains("INSERT INTO " + table, StringComparison.Ordinal) || sql.Contains("UPDATE " + table, StringComparison.Ordinal));
    }
}
