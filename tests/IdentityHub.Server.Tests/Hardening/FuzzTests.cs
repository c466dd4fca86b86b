using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using IdentityHub.Server.Tests.Infrastructure;
using Xunit.Abstractions;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Hardening;

/// <summary>
/// No input gets a 500 (O6): a seeded, bounded fuzz over every route the server answers (pages with
/// each handler, mapped endpoints and OpenIddict's endpoints), signed in and signed out, GET and POST,
/// with broken query and form values and odd content types. Every answer must be below 500 and show no
/// stack trace. The seed is fixed, so a failure repeats; the failures list says how to send each one.
/// </summary>
public sealed partial class FuzzTests(FuzzTests.FuzzApp app, ITestOutputHelper output) : IClassFixture<FuzzTests.FuzzApp>
{
    private const int Seed = 20261204;
    /// <summary>About 2,000 requests over the 124 targets of today: some 30 seconds on a busy machine.</summary>
    private const int RequestsPerTarget = 16;

    /// <summary>
    /// The app the fuzz runs against: self-service pages answer at once instead of padding to 400 ms, and the
    /// hourly cap on codes is out of the way (fuzzed resends would otherwise use up the fuzzer's own codes, and
    /// signing it in again would read an old, expired one).
    /// </summary>
    public sealed class FuzzApp : IAsyncLifetime
    {
        public IdentityHubApp App { get; } = new IdentityHubApp()
            .With("IdentityHub:Account:MinimumResponseTime", "00:00:00")
            .With("IdentityHub:Mfa:Codes:MaxCodesPerHour", "10000");

        public Task InitializeAsync() => App.InitializeAsync();

        public Task DisposeAsync() => App.DisposeAsync().AsTask();
    }

    [Fact]
    public async Task No_fuzzed_request_to_any_route_gets_a_server_error_or_a_stack_trace()
    {
        var server = app.App;
        var targets = FuzzTargets.Discover(server.Services);
        Assert.Contains(targets, target => target.Path == "/connect/token");
        Assert.Contains(targets, target => target.Path == "/connect/revoke");
        Assert.Contains(targets, target => target.Path == "/account/mfa/challenge" && target.Handler == "Verify");
        output.WriteLine($"{targets.Count} targets: {string.Join(", ", targets)}");

        var name = NewName("fuzzer");
        await server.CreateUserAsync(name);
        var signedIn = new Session(server, name);
        await signedIn.SignInAsync();
        var signedOut = server.NewBrowser();
        var random = new Random(Seed);
        var anonymous = new FuzzRequests(random, Browser.AntiforgeryToken(await signedOut.PageAsync("/account/login")));

        var failures = new List<string>();
        var sent = 0;
        var clock = Stopwatch.StartNew();
        for (var round = 0; round < RequestsPerTarget; round++)
        {
            foreach (var target in targets)
            {
                var asUser = random.Next(2) == 0;
                if (asUser)
                {
                    await signedIn.KeepAsync(sent);
                }

                var (request, description) = (asUser ? signedIn.Requests(random) : anonymous).Next(target);
                sent++;
                if (await ProblemOfAsync(asUser ? signedIn.Browser : signedOut, request) is { } problem)
                {
                    failures.Add($"{problem} ({(asUser ? "signed in" : "signed out")}): {description}");
                }
            }
        }

        output.WriteLine($"{sent} requests in {clock.Elapsed.TotalSeconds:F1} s, {failures.Count} failures.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests failed:\n" + string.Join("\n", failures.Take(15)));
    }

    private static async Task<string?> ProblemOfAsync(Browser browser, HttpRequestMessage request)
    {
        HttpResponseMessage response;
        try
        {
            response = await browser.Http.SendAsync(request);
        }
        catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException or IOException)
        {
            return "the server failed while answering: " + exception.GetBaseException().Message;
        }

        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode >= 500)
        {
            return $"{(int)response.StatusCode}";
        }

        return StackTrace().IsMatch(body) ? $"{(int)response.StatusCode} with a stack trace" : null;
    }

    [Theory]
    [InlineData("System.InvalidOperationException: Sequence contains no elements", true)]
    [InlineData("   at IdentityHub.Server.Pages.Account.LoginModel.OnPostAsync(String returnUrl) in /src/Login.cshtml.cs:line 71", true)]
    [InlineData("---> Npgsql.PostgresException (0x80004005): 23505: duplicate key", true)]
    [InlineData("<p>Look at the code we sent (it expires in 10 minutes).</p>", false)]
    [InlineData("<p>We could not sign you in at this time. Exception: none of your business.</p>", false)]
    public void The_stack_trace_check_knows_one_from_page_text(string text, bool isStackTrace) =>
        Assert.Equal(isStackTrace, StackTrace().IsMatch(text));

    // Linear on long lines: a frame's arguments end at its first ')' and the exception's name is checked one
    // character back (a greedy '.*' or '\w+' here made this check most of the test's time on long pages).
    [GeneratedRegex(@"(^|\s)at [\w.`<>\[\]]+\([^)\r\n]*\)|(?<=\w)Exception: |Exception \(0x", RegexOptions.Multiline)]
    private static partial Regex StackTrace();

    /// <summary>
    /// The signed-in side of the fuzz: one user's browser, put back to its signed-in cookies before
    /// each request (a fuzzed request may sign out or start another flow), and signed in again when
    /// the session has ended for good.
    /// </summary>
    private sealed class Session(IdentityHubApp app, string userName)
    {
        private IReadOnlyList<Cookie> _cookies = [];
        private FuzzRequests? _requests;
        private string _token = "";

        public Browser Browser { get; private set; } = null!;

        public FuzzRequests Requests(Random random) => _requests ??= new FuzzRequests(random, _token);

        public async Task SignInAsync()
        {
            app.Clock.Advance(TimeSpan.FromSeconds(31)); // past the resend cooldown of the last code
            Browser = app.NewBrowser();
            var response = await Browser.SignInAsync(userName);
            Assert.True(Browser.IsRedirectTo(response, "/"), Describe(response));
            _cookies = Browser.SaveCookies();
            _token = Browser.AntiforgeryToken(await Browser.PageAsync(Security));
            _requests = null;
        }

        /// <summary>Puts the signed-in cookies back; every hundred requests checks that they still sign in.</summary>
        public async Task KeepAsync(int sent)
        {
            Browser.PutCookies(_cookies);
            if (sent % 100 == 0 && (await Browser.GetAsync(Security)).StatusCode != HttpStatusCode.OK)
            {
                await SignInAsync();
            }
        }
    }
}
