using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static IdentityHub.EndToEnd.Tests.SignInSteps;
using static Microsoft.Playwright.Assertions;

namespace IdentityHub.EndToEnd.Tests.Cluster;

/// <summary>
/// Two token-server nodes behind nginx (round robin, no sticky sessions) on one database through PgBouncer in
/// transaction mode (requirement O2): a person moves between nodes mid-sign-in, survives a node's crash, and
/// every change one node (or the admin host) makes counts on the other. The steps run in order: the first
/// enrolls the demo user, the last kills a node.
/// </summary>
[Collection(LocalClusterCollection.Name)]
[TestCaseOrderer("IdentityHub.EndToEnd.Tests.Cluster.ClusterStepOrderer", "IdentityHub.EndToEnd.Tests")]
public sealed class ClusterTests(LocalCluster cluster, BrowserSession browser)
{
    [BrowserFact, ClusterStep(1)]
    public async Task A_first_sign_in_with_enrollment_is_served_by_both_nodes_in_turn()
    {
        var page = await ClusterSignIn.NewPageAsync(browser);
        var trail = ClusterSignIn.Watch(page, cluster);
        var seen = cluster.OutboxSoFar();
        var pkce = await ClusterSignIn.BeginAsync(page, cluster);
        await ClusterSignIn.EnterPasswordAsync(page, cluster);

        await Expect(Heading(page, "Set up multi-factor authentication")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Email" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
        await page.GetByLabel("Email address").FillAsync(ClusterSignIn.Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send code", Exact = true }).ClickAsync();
        await Expect(Heading(page, "Verify your code")).ToBeVisibleAsync();
        await page.GetByLabel("Verification code").FillAsync(await cluster.CodeSentToAsync(ClusterSignIn.Email, seen));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();
        await AcceptTermsAsync(page, "Dana", "Demo");
        await SaveRecoveryCodesAsync(page);
        var code = await ClusterSignIn.CodeAtPortalAsync(page);

        // Both nodes served pages and posts of this one sign-in: its state lives in the database and in
        // cookies every node can read, not in a node's memory.
        // nginx alternates, so a form one node showed was posted to the other.
        var answers = trail.Answers;
        Assert.True(trail.Nodes.Count == 2, "Only one node served the sign-in:\n" + trail);
        Assert.True(
            answers.Select((answer, i) => (answer, form: answers.Take(i).LastOrDefault(earlier => earlier.Method == "GET" && earlier.Url == answer.Url)))
                .Any(pair => pair.answer.Method == "POST" && pair.form.Node is { } shownBy && shownBy != pair.answer.Node),
            "No form was posted to another node than the one that showed it:\n" + trail);

        // The code is redeemed through nginx, and its refresh token works on each node in turn.
        var tokens = await ClusterSignIn.RedeemAsync(cluster, cluster.Issuer, code, pkce);
        var refreshToken = tokens.GetProperty("refresh_token").GetString()!;
        foreach (var node in cluster.Nodes.Values)
        {
            var (status, body) = await ClusterSignIn.RefreshAsync(cluster, node, refreshToken);
            Assert.True(status == 200, $"Refresh at {node} answered {status}: {body}");
            refreshToken = body.GetProperty("refresh_token").GetString()!;
        }
    }

    [BrowserFact, ClusterStep(2)]
    public async Task A_signing_key_made_by_one_node_is_published_by_the_other()
    {
        var before = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in cluster.Nodes.Values)
        {
            before.UnionWith(await SigningKeysAsync(node));
        }

        // Keys rotate every RotationInterval in this cluster; whichever node is first makes the successor.
        var deadline = Stopwatch.StartNew();
        string? maker = null;
        string? newKey = null;
        while (newKey is null)
        {
            Assert.True(deadline.Elapsed < LocalCluster.RotationInterval * 3, "No node made a new signing key.");
            foreach (var (name, node) in cluster.Nodes)
            {
                if ((await SigningKeysAsync(node)).FirstOrDefault(key => !before.Contains(key)) is { } key)
                {
                    (maker, newKey) = (name, key);
                    break;
                }
            }

            await Task.Delay(newKey is null ? 200 : 0);
        }

        // The other node publishes it within its key refresh interval (two seconds here), without a restart.
        var other = LocalCluster.Other(maker!);
        var seenAfter = Stopwatch.StartNew();
        while (!(await SigningKeysAsync(cluster.Nodes[other])).Contains(newKey))
        {
            Assert.True(seenAfter.Elapsed < TimeSpan.FromSeconds(20), $"{other} did not publish {maker}'s new key {newKey}.");
            await Task.Delay(200);
        }

        // Exactly one node created it (the other read it from the database), as each node's log says.
        var created = $"Created Signing key {newKey}";
        await WaitUntilAsync(() => cluster.Nodes.Keys.Any(node => cluster.NodeLog(node).Contains(created, StringComparison.Ordinal)), "a log line " + created);
        Assert.Single(cluster.Nodes.Keys, node => cluster.NodeLog(node).Contains(created, StringComparison.Ordinal));
    }

    [BrowserFact, ClusterStep(3)]
    public async Task A_client_changed_through_the_admin_api_changes_on_both_nodes()
    {
        // The one step that calls the admin host, with one token: the admin host reads the token server's keys
        // when it first checks a token and keeps them for hours, longer than this cluster's 15 seconds of
        // PublishAhead (production's is 7 days).
        using var admin = cluster.Http();
        var (status, token) = await ClusterSignIn.TokenAsync(cluster, cluster.Issuer, cluster.ServiceClientId, cluster.ServiceClientSecret,
            new() { ["grant_type"] = "client_credentials", ["scope"] = "identityhub.admin" });
        Assert.True(status == 200, $"The administration service got no token ({status}): {token}");
        admin.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("access_token").GetString());

        var created = await admin.PostAsJsonAsync(new Uri(cluster.Admin, "api/v1/clients"), new
        {
            client_name = "Cluster claims service",
            grant_types = new[] { "client_credentials" },
            scope = "cluster-api",
        });
        var value = (await JsonAsync(created, HttpStatusCode.Created)).GetProperty("value");
        var (clientId, first) = (value.GetProperty("client_id").GetString()!, value.GetProperty("client_secret").GetString()!);
        foreach (var node in cluster.Nodes.Values)
        {
            await WaitUntilAsync(async () => await ClientCredentialsAsync(node, clientId, first) == 200, $"{clientId} to get a token at {node}");
        }

        // A new secret that replaces the old one at once: both nodes refuse the old one and take the new one
        // within the client cache lifetime (two seconds here).
        var rotated = await admin.PostAsJsonAsync(new Uri(cluster.Admin, $"api/v1/clients/{clientId}/secret"), new { overlap_seconds = 0 });
        var second = (await JsonAsync(rotated, HttpStatusCode.OK)).GetProperty("value").GetProperty("client_secret").GetString()!;
        foreach (var node in cluster.Nodes.Values)
        {
            await WaitUntilAsync(async () => await ClientCredentialsAsync(node, clientId, first) == 401, $"{node} to refuse the replaced secret");
            Assert.Equal(200, await ClientCredentialsAsync(node, clientId, second));
        }
    }

    [BrowserFact, ClusterStep(4)]
    public async Task Signing_out_through_one_node_ends_the_session_and_its_refresh_tokens_on_the_other_at_once()
    {
        var page = await ClusterSignIn.NewPageAsync(browser);
        var trail = ClusterSignIn.Watch(page, cluster);
        var (code, pkce) = await ClusterSignIn.SignInAsync(page, cluster);
        var tokens = await ClusterSignIn.RedeemAsync(cluster, cluster.Issuer, code, pkce);
        var session = (await page.Context.CookiesAsync([cluster.Issuer.ToString()])).Single(cookie => cookie.Name == "__Host-IdentityHub.Session");
        var cookie = $"{session.Name}={session.Value}";
        foreach (var node in cluster.Nodes.Values)
        {
            Assert.Equal(HttpStatusCode.OK, await AccountPageAsync(node, cookie));
        }

        await page.GotoAsync(new Uri(cluster.Issuer, "account/signout").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign out", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).Not.ToHaveTextAsync("Sign out");
        var signedOutBy = trail.LastFor("POST", new Uri(cluster.Issuer, "account/signout").ToString());
        var other = cluster.Nodes[LocalCluster.Other(signedOutBy)];

        // At once, on the node that did not sign the person out: no waiting, no retry.
        Assert.Equal(HttpStatusCode.Redirect, await AccountPageAsync(other, cookie));
        var (status, body) = await ClusterSignIn.RefreshAsync(cluster, other, tokens.GetProperty("refresh_token").GetString()!);
        Assert.Equal(400, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    [BrowserFact, ClusterStep(5)]
    public async Task Only_nginx_is_believed_about_where_a_request_came_from()
    {
        // A token through nginx, and one asked of a node directly by a caller claiming another address.
        var service = (cluster.ServiceClientId, cluster.ServiceClientSecret);
        Assert.Equal(200, (await ClusterSignIn.TokenAsync(cluster, cluster.Issuer, service.ServiceClientId, service.ServiceClientSecret,
            new() { ["grant_type"] = "client_credentials", ["scope"] = "identityhub.admin" })).Status);
        Assert.Equal(200, (await ClusterSignIn.TokenAsync(cluster, cluster.Nodes["node-1"], service.ServiceClientId, service.ServiceClientSecret,
            new() { ["grant_type"] = "client_credentials", ["scope"] = "identityhub.admin" }, forwardedFor: "203.0.113.9")).Status);

        // The audit trail (read in the database) has the test's own address for both: nginx's X-Forwarded-For
        // was applied (not nginx's 127.0.0.2), the direct caller's was not (no 203.0.113.9).
        List<string?> addresses = [];
        await WaitUntilAsync(async () =>
        {
            addresses = await IssuedTokenAddressesAsync(cluster.ServiceClientId);
            return addresses.Count >= 2;
        }, "the service's tokens in the audit trail");
        Assert.All(addresses, address => Assert.Equal("127.0.0.1", address));
    }

    [BrowserFact, ClusterStep(6)]
    public async Task Token_flows_work_with_every_node_behind_pgbouncer_in_transaction_mode()
    {
        // The nodes' database is PgBouncer, pooling by transaction.
        var database = new Npgsql.NpgsqlConnectionStringBuilder(cluster.SharedSettings["ConnectionStrings__IdentityHub"]);
        Assert.Equal(int.Parse(cluster.Value("PGBOUNCER_PORT"), System.Globalization.CultureInfo.InvariantCulture), database.Port);
        Assert.Contains("pool_mode|transaction", await PgBouncerAsync("SHOW CONFIG"));
        var before = await TransactionsAsync();

        // Client credentials on each node, a code flow through nginx, and a refresh on each node.
        foreach (var node in cluster.Nodes.Values)
        {
            Assert.Equal(200, await ClientCredentialsAsync(node, cluster.ServiceClientId, cluster.ServiceClientSecret, "identityhub.admin"));
        }

        var page = await ClusterSignIn.NewPageAsync(browser);
        var (code, pkce) = await ClusterSignIn.SignInAsync(page, cluster);
        var refreshToken = (await ClusterSignIn.RedeemAsync(cluster, cluster.Issuer, code, pkce)).GetProperty("refresh_token").GetString()!;
        foreach (var node in cluster.Nodes.Values.Reverse())
        {
            var (status, body) = await ClusterSignIn.RefreshAsync(cluster, node, refreshToken);
            Assert.True(status == 200, $"Refresh at {node} answered {status}: {body}");
            refreshToken = body.GetProperty("refresh_token").GetString()!;
        }

        // All of it went through PgBouncer's pool.
        Assert.True(await TransactionsAsync() > before, "PgBouncer counted no transactions for the flows.");
    }

    [BrowserFact, ClusterStep(7)]
    public async Task A_person_finishes_signing_in_on_the_other_node_when_theirs_dies_after_the_password()
    {
        var page = await ClusterSignIn.NewPageAsync(browser);
        var trail = ClusterSignIn.Watch(page, cluster);
        var seen = cluster.OutboxSoFar();
        var pkce = await ClusterSignIn.BeginAsync(page, cluster);
        await ClusterSignIn.EnterPasswordAsync(page, cluster);
        await Expect(Heading(page, "Enter your security code")).ToBeVisibleAsync();

        // The node that took the password dies before the code is entered.
        var died = trail.LastFor("POST", new Uri(cluster.Issuer, "account/login").ToString());
        await cluster.KillNodeAsync(died);
        var mark = trail.Answers.Count;

        await ClusterSignIn.EnterEmailedCodeAsync(page, cluster, seen);
        var code = await ClusterSignIn.CodeAtPortalAsync(page);
        var tokens = await ClusterSignIn.RedeemAsync(cluster, cluster.Issuer, code, pkce);
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("id_token").GetString()));
        var after = trail.Answers.Skip(mark).ToList();
        Assert.NotEmpty(after);
        Assert.All(after, answer => Assert.Equal(LocalCluster.Other(died), answer.Node));
    }

    // The RS256 keys, whose creation the log names "Signing" (the PS256 and ES256 keys rotate alike).
    private async Task<IReadOnlyList<string>> SigningKeysAsync(Uri node)
    {
        using var http = cluster.Http();
        var jwks = await http.GetFromJsonAsync<JsonElement>(new Uri(node, ".well-known/jwks"));
        return [.. jwks.GetProperty("keys").EnumerateArray().Where(key => key.GetProperty("alg").GetString() == "RS256").Select(key => key.GetProperty("kid").GetString()!)];
    }

    private async Task<int> ClientCredentialsAsync(Uri node, string clientId, string secret, string scope = "cluster-api") =>
        (await ClusterSignIn.TokenAsync(cluster, node, clientId, secret, new() { ["grant_type"] = "client_credentials", ["scope"] = scope })).Status;

    private async Task<HttpStatusCode> AccountPageAsync(Uri node, string cookie)
    {
        using var http = cluster.Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node, "account/security"));
        request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {expected}, got {response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Transactions PgBouncer has passed on for the identityhub database so far.</summary>
    private async Task<long> TransactionsAsync()
    {
        var row = (await PgBouncerAsync("SHOW STATS")).Split('\n').Single(line => line.StartsWith("identityhub|", StringComparison.Ordinal));
        return long.Parse(row.Split('|')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A command on PgBouncer's admin console (psql: the console speaks the simple query protocol only).</summary>
    private async Task<string> PgBouncerAsync(string command)
    {
        var psql = Directory.GetDirectories("/usr/lib/postgresql").Select(folder => Path.Combine(folder, "bin", "psql")).First(File.Exists);
        var start = new ProcessStartInfo(psql) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-h", "127.0.0.1", "-p", cluster.Value("PGBOUNCER_PORT"), "-U", "identityhub", "-d", "pgbouncer", "-At", "-c", command })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGPASSWORD"] = cluster.Value("DATABASE_PASSWORD");
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"psql {command} failed: {error}");
        return output;
    }

    /// <summary>The network address of every token.issued audit event of a client, read straight from PostgreSQL.</summary>
    private async Task<List<string?>> IssuedTokenAddressesAsync(string clientId)
    {
        var database = $"Host=127.0.0.1;Port={cluster.Value("POSTGRES_PORT")};Database=identityhub;Username=identityhub;Password={cluster.Value("DATABASE_PASSWORD")}";
        await using var connection = new Npgsql.NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT \"IpAddress\" FROM \"AuditEvents\" WHERE \"Event\" = 'token.issued' AND \"ClientId\" = @client", connection);
        command.Parameters.AddWithValue("client", clientId);
        await using var reader = await command.ExecuteReaderAsync();
        List<string?> addresses = [];
        while (await reader.ReadAsync())
        {
            addresses.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
        }

        return addresses;
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), $"Waited 30 s for {what}.");
            await Task.Delay(200);
        }
    }
}
