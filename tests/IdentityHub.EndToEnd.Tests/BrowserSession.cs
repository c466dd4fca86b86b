using System.Globalization;
using System.Text;
using IdentityHub.Testing;
using Microsoft.Playwright;

namespace IdentityHub.EndToEnd.Tests;

/// <summary>
/// One headless Debian Chromium for a collection; each page a test opens has its own context (own
/// cookies), closed when the test ends. What each page did (navigations, console errors, failed
/// requests) is noted, for the results of a failed test.
/// </summary>
public sealed class BrowserSession : IAsyncLifetime
{
    /// <summary>
    /// How long an action or a navigation may take. The browser tests share two cores with PostgreSQL,
    /// the server, three portals, the API and Chromium, often beside a build: a first request to a
    /// freshly started app (JIT, first queries, key generation) takes seconds there. A test that is
    /// really stuck still fails, after this.
    /// </summary>
    public static readonly TimeSpan ActionTimeout = TimeSpan.FromSeconds(45);

    /// <summary>How long an expectation (Expect(...)) waits for the page to show what it should.</summary>
    public static readonly TimeSpan ExpectTimeout = TimeSpan.FromSeconds(30);

    private readonly List<OpenPage> _pages = [];
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Assertions.SetDefaultExpectTimeout((float)ExpectTimeout.TotalMilliseconds);
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run"],
        });
    }

    /// <summary>A page in a context of its own, as if in another browser.</summary>
    public Task<IPage> NewPageAsync() => NewPageAsync(new BrowserNewContextOptions { Locale = "en-US" });

    /// <summary>A page in a context of its own with the options given (e.g. a language, a screen size).</summary>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions options)
    {
        var context = await _browser!.NewContextAsync(options);
        context.SetDefaultTimeout((float)ActionTimeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)ActionTimeout.TotalMilliseconds);
        var page = await context.NewPageAsync();
        var open = new OpenPage(page);
        lock (_pages)
        {
            _pages.Add(open);
        }

        return page;
    }

    /// <summary>The pages opened since the test began, oldest first, with what each did.</summary>
    internal IReadOnlyList<OpenPage> Pages
    {
        get
        {
            lock (_pages)
            {
                return [.. _pages];
            }
        }
    }

    internal Task BeginTestAsync() => CloseAllAsync();

    internal Task EndTestAsync() => CloseAllAsync();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    private async Task CloseAllAsync()
    {
        List<OpenPage> pages;
        lock (_pages)
        {
            pages = [.. _pages];
            _pages.Clear();
        }

        foreach (var open in pages)
        {
            try
            {
                await open.Page.Context.CloseAsync();
            }
            catch (PlaywrightException)
            {
                // Already closed, or the browser went away: nothing left to close.
            }
        }
    }

    /// <summary>A page and a journal of what happened on it.</summary>
    internal sealed class OpenPage
    {
        private readonly StringBuilder _journal = new();

        public OpenPage(IPage page)
        {
            Page = page;
            page.FrameNavigated += (_, frame) =>
            {
                if (frame.ParentFrame is null)
                {
                    Note("navigated to " + frame.Url);
                }
            };
            page.Console += (_, message) =>
            {
                if (message.Type is "error" or "warning")
                {
                    Note($"console {message.Type}: {message.Text}");
                }
            };
            page.PageError += (_, error) => Note("page error: " + error);
            page.RequestFailed += (_, request) => Note($"request failed: {request.Method} {request.Url}: {request.Failure}");
            page.Response += (_, response) =>
            {
                if (response.Status >= 400)
                {
                    Note($"answered {response.Status}: {response.Request.Method} {response.Url}");
                }
            };
            page.Crash += (_, _) => Note("the page crashed");
        }

        public IPage Page { get; }

        public string Journal
        {
            get
            {
                lock (_journal)
                {
                    return _journal.ToString();
                }
            }
        }

        private void Note(string what)
        {
            lock (_journal)
            {
                _journal.Append(DateTime.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)).Append(' ').AppendLine(what);
            }
        }
    }
}
