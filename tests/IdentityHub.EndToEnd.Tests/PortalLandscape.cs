using IdentityHub.Testing;

namespace IdentityHub.EndToEnd.Tests;

/// <summary>
/// What a health plan runs, as real processes on free loopback ports: IdentityHub on its own
/// PostgreSQL database, sending email through a real SMTP server and texts and calls through a
/// stand-in of the SMS provider's HTTP API; the sample API; the sample app as the provider and the
/// member portal; and, for the administration journeys (<see cref="AdministrationLandscape"/>), the admin host.
/// </summary>
public class PortalLandscape : IAsyncLifetime, ILandscapeLogs
{
    public const string SmsSender = "+15005550006";

    /// <summary>Times a landscape is started on fresh ports when another process took one of them first.</summary>
    private const int StartAttempts = 3;

    private static readonly System.Text.RegularExpressions.Regex DemoUserLine = new(@"Demo user created\. Username: \S+\s+Password: \S+");
    private static readonly System.Text.RegularExpressions.Regex PlatformAdministratorLine = new(@"Demo platform administrator created\. Username: \S+\s+Password: \S+");
    private static readonly System.Text.RegularExpressions.Regex PracticeAdministratorLine = new(@"Demo organization administrator \([^)]*\) created\. Username: \S+\s+Password: \S+");

    private readonly List<AppProcess> _processes = [];
    private readonly List<AppProcess> _commands = [];
    private readonly IReadOnlyDictionary<string, string?> _serverSettings;
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("identityhub-e2e-").FullName;
    private readonly object _gate = new();
    private Task? _demoUserEnrolled;

    public PortalLandscape()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>A landscape whose server has settings of its own (environment variable names), e.g. the legacy preset.</summary>
    internal PortalLandscape(IReadOnlyDictionary<string, string?> serverSettings) => _serverSettings = serverSettings;

    /// <summary>A landscape with the admin host beside the token server, whose server has settings of its own.</summary>
    private protected PortalLandscape(IReadOnlyDictionary<string, string?> serverSettings, bool withAdminHost)
        : this(serverSettings) => _withAdminHost = withAdminHost;

    private readonly bool _withAdminHost;

    /// <summary>A landscape with the SMART samples (the FHIR API and the member app) beside the portals.</summary>
    private protected PortalLandscape(bool withMemberApps)
        : this() => _withMemberApps = withMemberApps;

    private readonly bool _withMemberApps;

    /// <summary>The sample FHIR API's base URL (the SMART audience), when the landscape has the member apps.</summary>
    public Uri? Fhir { get; private set; }

    /// <summary>The sample member app (a SMART standalone launch), when the landscape has the member apps.</summary>
    public Uri? MemberApp { get; private set; }

    /// <summary>The admin host (API and console), when the landscape has one.</summary>
    public Uri? Admin { get; private set; }

    /// <summary>The demo platform administrator the server seeds in Development.</summary>
    public DemoUser PlatformAdministrator { get; private set; } = null!;

    /// <summary>The demo organization's primary administrator the server seeds in Development.</summary>
    public DemoUser PracticeAdministrator { get; private set; } = null!;

    public Uri Server { get; private set; } = null!;

    public Uri Api { get; private set; } = null!;

    public Uri ProviderPortal { get; private set; } = null!;

    public Uri MemberPortal { get; private set; } = null!;

    /// <summary>The producer portal, configured to ask for the phishing-resistant level (acr_values).</summary>
    public Uri StrictPortal { get; private set; } = null!;

    public DemoUser User { get; private set; } = null!;

    public SmtpSink Mail { get; } = new();

    public HttpStandIn SmsProvider { get; private set; } = null!;

    public string ServerOutput => _processes[0].Output;

    /// <summary>The server's database, for command-line verbs run beside it (e.g. import-users).</summary>
    public string Database { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Mail.InitializeAsync();
        SmsProvider = (await HttpStandIn.StartAsync()).AnswersLikeTwilio();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartProcessesAsync();
                return;
            }
            catch (PortInUseException) when (attempt < StartAttempts)
            {
                // A port chosen free was taken by another process before an app bound it: new ports, new database.
                await StopProcessesAsync();
            }
        }
    }

    /// <summary>
    /// The demo user's first sign-in (email enrolled, terms accepted, recovery codes saved), done once
    /// per landscape in a page of its own, so that every test that signs in starts from the same
    /// state whichever runs first: enrolled and signed out.
    /// </summary>
    public Task DemoUserEnrolledAsync(BrowserSession browser)
    {
        lock (_gate)
        {
            return _demoUserEnrolled ??= SignInSteps.FirstSignInAsync(browser, this);
        }
    }

    private async Task StartProcessesAsync()
    {
        (Server, Api, ProviderPortal, MemberPortal, StrictPortal) = (LocalUrl(), LocalUrl(), LocalUrl(), LocalUrl(), LocalUrl());
        Admin = _withAdminHost ? LocalUrl() : null;
        var database = Database = await PostgresCluster.Shared.CreateDatabaseAsync("endtoend");
        var serverSettings = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = Server.ToString(),
            ["IdentityHub__DataFolder"] = _dataFolder,
            ["IdentityHub__Database__Provider"] = "Postgres",
            ["ConnectionStrings__IdentityHub"] = database,
            // appsettings.Development.json registers the provider portal first and the member portal third.
            ["IdentityHub__Clients__0__RedirectUris__0"] = new Uri(ProviderPortal, "signin-oidc").ToString(),
            ["IdentityHub__Clients__0__PostLogoutRedirectUris__0"] = new Uri(ProviderPortal, "signout-callback-oidc").ToString(),
            ["IdentityHub__Clients__1__RedirectUris__0"] = new Uri(StrictPortal, "signin-oidc").ToString(),
            ["IdentityHub__Clients__1__PostLogoutRedirectUris__0"] = new Uri(StrictPortal, "signout-callback-oidc").ToString(),
            ["IdentityHub__Clients__2__RedirectUris__0"] = new Uri(MemberPortal, "signin-oidc").ToString(),
            ["IdentityHub__Clients__2__PostLogoutRedirectUris__0"] = new Uri(MemberPortal, "signout-callback-oidc").ToString(),
            // Single logout reaches the portals where they listen (appsettings.Development.json names the default ports).
            ["IdentityHub__Clients__0__BackChannelLogoutUri"] = new Uri(ProviderPortal, "backchannel-logout").ToString(),
            ["IdentityHub__Clients__1__BackChannelLogoutUri"] = new Uri(StrictPortal, "backchannel-logout").ToString(),
            ["IdentityHub__Clients__2__BackChannelLogoutUri"] = new Uri(MemberPortal, "backchannel-logout").ToString(),
            // Where an invitee naming the provider portal lands after signing up.
            ["IdentityHub__Clients__0__ClientUri"] = ProviderPortal.ToString(),
            // "Sign out everywhere" reaches other browsers at their next request.
            ["IdentityHub__Session__RevalidationInterval"] = "00:00:00",
            // The tests sign the demo user in many times an hour.
            ["IdentityHub__Mfa__Codes__MaxCodesPerHour"] = "100",
            // Real delivery instead of the development outbox.
            ["IdentityHub__Delivery__Outbox__Enabled"] = "false",
            ["IdentityHub__Delivery__Email__0__Type"] = "Smtp",
            ["IdentityHub__Delivery__Email__0__Name"] = "test-smtp",
            ["IdentityHub__Delivery__Email__0__Host"] = "127.0.0.1",
            ["IdentityHub__Delivery__Email__0__Port"] = Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["IdentityHub__Delivery__Email__0__Security"] = "None",
            ["IdentityHub__Delivery__Email__0__UserName"] = SmtpSink.UserName,
            ["IdentityHub__Delivery__Email__0__Password"] = SmtpSink.Password,
            ["IdentityHub__Delivery__Email__0__From"] = "Health Plan <no-reply@healthplan.example>",
            ["IdentityHub__Delivery__Sms__0__Type"] = "Twilio",
            ["IdentityHub__Delivery__Sms__0__Name"] = "sms-stand-in",
            ["IdentityHub__Delivery__Sms__0__BaseUrl"] = SmsProvider.BaseUrl.ToString(),
            ["IdentityHub__Delivery__Sms__0__AccountSid"] = "AC00000000000000000000000000000000",
            ["IdentityHub__Delivery__Sms__0__AuthToken"] = "stand-in-token",
            ["IdentityHub__Delivery__Sms__0__From"] = SmsSender,
        };
        if (_withMemberApps)
        {
            (Fhir, MemberApp) = (new Uri(LocalUrl(), "fhir"), LocalUrl());
            serverSettings["IdentityHub__Smart__FhirBaseUrl"] = Fhir.ToString();
            // appsettings.Development.json registers the member app fifth.
            serverSettings["IdentityHub__Clients__4__RedirectUris__0"] = new Uri(MemberApp, "callback").ToString();
            serverSettings["IdentityHub__Clients__4__PostLogoutRedirectUris__0"] = MemberApp.ToString();
        }

        if (Admin is not null)
        {
            // appsettings.Development.json registers the admin console fourth.
            serverSettings["IdentityHub__Clients__3__RedirectUris__0"] = new Uri(Admin, "signin-oidc").ToString();
            serverSettings["IdentityHub__Clients__3__PostLogoutRedirectUris__0"] = new Uri(Admin, "signout-callback-oidc").ToString();
        }

        var server = Start("server", "src/IdentityHub.Server", new(serverSettings));
        // Generous: the first start migrates an empty database on a machine that may be busy.
        await server.WaitUntilServingAsync(new Uri(Server, ".well-known/openid-configuration"), TimeSpan.FromMinutes(3));
        // Written before the server serves, but read from its output a little later.
        User = DemoUser.FromServerOutput((await server.WaitForOutputAsync(DemoUserLine)).Value);
        PlatformAdministrator = DemoUser.FromServerOutput((await server.WaitForOutputAsync(PlatformAdministratorLine)).Value);
        PracticeAdministrator = DemoUser.FromServerOutput((await server.WaitForOutputAsync(PracticeAdministratorLine)).Value);

        var api = Start("api", "samples/IdentityHub.Samples.Api", new()
        {
            ["ASPNETCORE_URLS"] = Api.ToString(),
            ["Api__Authority"] = Server.ToString(),
        });
        var provider = StartPortal("provider-portal", ProviderPortal, "Provider portal", "provider-portal");
        var member = StartPortal("member-portal", MemberPortal, "Member portal", "member-portal");
        var strict = StartPortal("producer-portal", StrictPortal, "Producer portal", "producer-portal", acrValues: "urn:identityhub:acr:aal3");
        var startUp = TimeSpan.FromMinutes(2);
        var memberApps = new List<Task>();
        if (Fhir is not null && MemberApp is not null)
        {
            var fhir = Start("fhir", "samples/IdentityHub.Samples.Fhir", new()
            {
                ["ASPNETCORE_URLS"] = new Uri(Fhir, "/").ToString(),
                ["Fhir__Authority"] = Server.ToString(),
                ["Fhir__BaseUrl"] = Fhir.ToString(),
            });
            var app = Start("member-app", "samples/IdentityHub.Samples.MemberApp", new()
            {
                ["ASPNETCORE_URLS"] = MemberApp.ToString(),
                ["MemberApp__Issuer"] = Server.ToString(),
                ["MemberApp__RedirectUri"] = new Uri(MemberApp, "callback").ToString(),
                ["MemberApp__FhirBaseUrl"] = Fhir.ToString(),
            });
            memberApps.Add(fhir.WaitUntilServingAsync(new Uri(Fhir + "/metadata"), startUp));
            memberApps.Add(app.WaitUntilServingAsync(MemberApp, startUp));
        }

        if (Admin is not null)
        {
            // The same database and email as the token server; its console signs in there.
            var admin = Start("admin", "src/IdentityHub.Admin", new(serverSettings.Where(setting => setting.Key.StartsWith("IdentityHub__Delivery__", StringComparison.Ordinal)))
            {
                ["ASPNETCORE_URLS"] = Admin.ToString(),
                ["IdentityHub__Issuer"] = Server.ToString(),
                ["IdentityHub__DataFolder"] = _dataFolder,
                ["IdentityHub__Database__Provider"] = "Postgres",
                ["ConnectionStrings__IdentityHub"] = database,
            });
            await admin.WaitUntilServingAsync(new Uri(Admin, "api/openapi/v1.json"), startUp);
        }

        await Task.WhenAll(
            strict.WaitUntilServingAsync(StrictPortal, startUp),
            api.WaitUntilServingAsync(new Uri(Api, "health"), startUp),
            provider.WaitUntilServingAsync(ProviderPortal, startUp),
            member.WaitUntilServingAsync(MemberPortal, startUp),
            Task.WhenAll(memberApps));
    }

    /// <summary>The code in the newest email to the address, as the person reads it in their inbox.</summary>
    public string EmailedCode(string to)
    {
        var message = Mail.Messages().LastOrDefault(m => m.To.Mailboxes.Any(box => box.Address == to))
            ?? throw new Xunit.Sdk.XunitException($"No email to {to}. Server output:\n{ServerOutput}");
        Assert.Equal("Your account security code.", message.Subject);
        return Codes.In(message.TextBody);
    }

    /// <summary>The code in the newest text message the SMS provider was asked to send to the number.</summary>
    public string TextedCode(string to)
    {
        var request = SmsProvider.Requests.LastOrDefault(r => r.Path.EndsWith("/Messages.json", StringComparison.Ordinal) && r.Form["To"] == to)
            ?? throw new Xunit.Sdk.XunitException($"No text message to {to}.");
        Assert.Equal(SmsSender, request.Form["From"]);
        return Codes.In(request.Form["Body"]);
    }

    /// <summary>Each process's log (server, api, the portals, commands run), the emails and the text messages sent.</summary>
    public async Task SaveLogsAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        List<AppProcess> processes;
        lock (_processes)
        {
            processes = [.. _processes, .. _commands];
        }

        for (var i = 0; i < processes.Count; i++)
        {
            var name = processes[i].Name;
            var file = processes.Take(i).Any(p => p.Name == name) ? $"{name}-{i}.log" : $"{name}.log";
            await processes[i].SaveLogAsync(Path.Combine(folder, file));
        }

        var mail = Mail.Messages().Select(m => $"{m.Date:HH:mm:ss} to {m.To} | {m.Subject}");
        await File.WriteAllLinesAsync(Path.Combine(folder, "emails.txt"), mail);
        var texts = SmsProvider.Requests.Select(r => $"{r.Method} {r.Path} {r.Body}");
        await File.WriteAllLinesAsync(Path.Combine(folder, "sms-provider.txt"), texts);
    }

    public async Task DisposeAsync()
    {
        await StopProcessesAsync();
        await SmsProvider.DisposeAsync();
        await Mail.DisposeAsync();
        Directory.Delete(_dataFolder, recursive: true);
    }

    private async Task StopProcessesAsync()
    {
        List<AppProcess> processes;
        lock (_processes)
        {
            processes = [.. _processes];
            _processes.Clear();
        }

        foreach (var process in processes)
        {
            await process.DisposeAsync();
        }
    }

    private AppProcess StartPortal(string processName, Uri url, string name, string clientId, string? acrValues = null) =>
        Start(processName, "samples/IdentityHub.Samples.Portal", new()
        {
            ["Portal__AcrValues"] = acrValues,
            ["ASPNETCORE_URLS"] = url.ToString(),
            ["Portal__Name"] = name,
            ["Portal__ClientId"] = clientId,
            ["Portal__Authority"] = Server.ToString(),
            ["Portal__ApiBaseUrl"] = Api.ToString(),
        });

    /// <summary>Runs one of the server's commands (import-users, set-temporary-password...) against this landscape's database.</summary>
    public async Task<(int Exit, string Output)> RunServerCommandAsync(params string[] arguments)
    {
        var environment = new Dictionary<string, string?>(_serverSettings)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["IdentityHub__Database__Provider"] = "Postgres",
            ["ConnectionStrings__IdentityHub"] = Database,
        };
        await using var command = AppProcess.StartNamed("command-" + arguments.FirstOrDefault(), "src/IdentityHub.Server", environment, arguments);
        lock (_processes)
        {
            _commands.Add(command);
        }

        var exit = await command.WaitForExitAsync(TimeSpan.FromMinutes(2));
        return (exit, command.Output);
    }

    private AppProcess Start(string name, string project, Dictionary<string, string?> environment)
    {
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        if (project == "src/IdentityHub.Server")
        {
            foreach (var (key, value) in _serverSettings)
            {
                environment[key] = value;
            }
        }

        var process = AppProcess.StartNamed(name, project, environment);
        lock (_processes)
        {
            _processes.Add(process);
        }

        return process;
    }

    private static Uri LocalUrl() => new($"http://localhost:{FreeTcpPort.Next()}/");
}

/// <summary>The portals and browser most tests share.</summary>
[CollectionDefinition(Name)]
public sealed class PortalLandscapeCollection : ICollectionFixture<PortalLandscape>, ICollectionFixture<BrowserSession>
{
    public const string Name = "Portals";
}
