using IdentityHub.Benchmarks.Load;

namespace IdentityHub.Benchmarks.Scenarios;

/// <summary>1. A service gets a JWT access token (RS256, or ES256 in IdentityHub's ES256 rows) with its client id and secret.</summary>
public sealed class ClientCredentialsScenario : Scenario
{
    public override string Key => "client-credentials";
    public override string Title => "1. Client credentials";
    public override int RequestsPerOperation => 1;
    public override bool Compared => true;
    public override bool Overloaded => true;
    public override HardwareBound Bound => HardwareBound.RsaSignatures;

    public override async Task<PreparedScenario> PrepareAsync(Target target, ScenarioContext context, CancellationToken cancellationToken)
    {
        var session = target.NewSession();
        var sample = await OAuthFlows.ClientCredentialsAsync(session, cancellationToken);
        RequireSignedJwt(target, sample.AccessToken, "access token");
        return new PreparedScenario(token => OAuthFlows.ClientCredentialsAsync(session, token), PrivateKeyOperations([sample.AccessToken], []))
        {
            EcdsaSignatures = EcdsaSignatures([sample.AccessToken]),
        };
    }
}

/// <summary>2. A portal's back end redeems its refresh token and gets a new one (rotation) with new tokens.</summary>
public sealed class RefreshScenario : Scenario
{
    public override string Key => "refresh";
    public override string Title => "2. Refresh with rotation";
    public override int RequestsPerOperation => 1;
    public override bool Compared => true;
    public override bool Overloaded => true;
    public override HardwareBound Bound => HardwareBound.RsaSignatures;

    public override async Task<PreparedScenario> PrepareAsync(Target target, ScenarioContext context, CancellationToken cancellationToken)
    {
        var chains = new List<string>();
        TokenSet? sample = null;
        foreach (var session in await context.SessionsAsync(target, cancellationToken))
        {
            for (var i = 0; i < 2; i++)
            {
                var tokens = await OAuthFlows.CodeFlowAsync(session, target.Clients.OfflineScope, cancellationToken, target.OfflineAccessPrompt);
                chains.Add(tokens.RefreshToken ?? throw new OperationFailedException("no refresh token was issued"));
            }
        }

        var stateless = target.NewSession();
        var first = chains[0];
        sample = await OAuthFlows.RefreshAsync(stateless, first, cancellationToken);
        if (sample.RefreshToken is null || sample.RefreshToken == first)
        {
            throw new OperationFailedException("the refresh token was not rotated");
        }

        RequireSignedJwt(target, sample.AccessToken, "access token");
        RequireSignedJwt(target, sample.IdToken, "ID token");
        chains[0] = sample.RefreshToken;
        var pool = new Pool<string>(chains);
        var operations = PrivateKeyOperations([sample.AccessToken, sample.IdToken, sample.RefreshToken], [first]);
        return new PreparedScenario(
            token => pool.UseAsync(async refresh => (await OAuthFlows.RefreshAsync(stateless, refresh, token)).RefreshToken!, token),
            operations)
        {
            EcdsaSignatures = EcdsaSignatures([sample.AccessToken, sample.IdToken, sample.RefreshToken]),
        };
    }
}

/// <summary>3. A signed-in person opens another portal: authorize with the session cookie, code, token with PKCE.</summary>
public sealed class SsoRoundTripScenario : Scenario
{
    public override string Key => "sso";
    public override string Title => "3. SSO round trip";
    public override int RequestsPerOperation => 2;
    public override bool Compared => true;
    public override HardwareBound Bound => HardwareBound.RsaSignatures;

    public override async Task<PreparedScenario> PrepareAsync(Target target, ScenarioContext context, CancellationToken cancellationToken)
    {
        var sessions = new Pool<HttpSession>(await context.SessionsAsync(target, cancellationToken));
        var session = sessions.Peek();
        var request = new AuthorizationRequest(target.Clients.SsoScope);
        var code = await OAuthFlows.AuthorizeAsync(session!, request, cancellationToken);
        var sample = await OAuthFlows.RedeemAsync(session!, code, request, cancellationToken);
        RequireSignedJwt(target, sample.AccessToken, "access token");
        RequireSignedJwt(target, sample.IdToken, "ID token");
        var operations = PrivateKeyOperations([code, sample.AccessToken, sample.IdToken, sample.RefreshToken], [code]);
        return new PreparedScenario(
            token => sessions.UseAsync(async browser =>
            {
                await OAuthFlows.CodeFlowAsync(browser, target.Clients.SsoScope, token);
                return browser;
            }, token),
            operations)
        {
            EcdsaSignatures = EcdsaSignatures([code, sample.AccessToken, sample.IdToken, sample.RefreshToken]),
        };
    }
}

/// <summary>4. A person signs in from scratch: password (at the configured hashing cost), emailed code, token.</summary>
public sealed class FullSignInScenario : Scenario
{
    public override string Key => "sign-in";
    public override string Title => "4. Full sign-in";
    public override int RequestsPerOperation => 8;
    public override bool Compared => false;
    public override HardwareBound Bound => HardwareBound.PasswordHashes;
    public override bool HasLatencyTarget => false;

    public override async Task<PreparedScenario> PrepareAsync(Target target, ScenarioContext context, CancellationToken cancellationToken)
    {
        var signIn = new IdentityHubSignIn(target.Outbox!);
        await signIn.FullSignInAsync(target.NewSession(), context.NextUser(), cancellationToken);
        return new PreparedScenario(token => signIn.FullSignInAsync(target.NewSession(), context.NextUser(), token), 0);
    }
}

/// <summary>5a. A portal reads the person's profile from userinfo with the access token.</summary>
public sealed class UserInfoScenario : Scenario
{
    public override string Key => "userinfo";
    public override string Title => "5a. Userinfo";
    public override int RequestsPerOperation => 1;
    public override bool Compared => false;
    public override HardwareBound Bound => HardwareBound.None;

    public override async Task<PreparedScenario> PrepareAsync(Target target, ScenarioContext context, CancellationToken cancellationToken)
    {
        var tokens = await AccessTokensAsync(target, context, cancellationToken);
        var session = target.NewSession();
        var next = 0;
        await OAuthFlows.UserInfoAsync(session, tokens[0], cancellationToken);
        return new PreparedScenario(token => OAuthFlows.UserInfoAsync(session, tokens[(int)((uint)Interlocked.Increment(ref next) % (uint)tokens.Count)], token), 0);
    }

    internal static async Task<IReadOnlyList<string>> AccessTokensAsync(Target target, ScenarioContext context, CancellationToken cancellationToken)
    {
        var tokens = new List<string>();
        foreach (var session in (await context.SessionsAsync(target, cancellationToken)).Take(16))
        {
            tokens.Add((await OAuthFlows.CodeFlowAsync(session, target.Clients.SsoScope, cancellationToken)).AccessToken);
        }

        return tokens;
    }
}

/// <summary>5b. An API asks the server whether an access token is active.</summary>
public sealed class IntrospectionScenario : Scenario
{
    public override string Key => "introspection";
    public override string Title => "5b. Introspection";
    public override int RequestsPerOperation => 1;
    public override bool Compared => false;
    public override HardwareBound Bound => HardwareBound.None;

    public override async Task<PreparedScenario> PrepareAsync(Target target, ScenarioContext context, CancellationToken cancellationToken)
    {
        var tokens = await UserInfoScenario.AccessTokensAsync(target, context, cancellationToken);
        var session = target.NewSession();
        var next = 0;
        await OAuthFlows.IntrospectAsync(session, tokens[0], cancellationToken);
        return new PreparedScenario(token => OAuthFlows.IntrospectAsync(session, tokens[(int)((uint)Interlocked.Increment(ref next) % (uint)tokens.Count)], token), 0);
    }
}
