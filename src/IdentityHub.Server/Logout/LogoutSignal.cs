namespace IdentityHub.Server.Logout;

/// <summary>
/// Wakes this node's <see cref="BackChannelLogoutJob"/> as soon as a request has ended sessions, so portals hear
/// of it within moments rather than at the next poll. Also remembers the issuer of this node's requests, for
/// logout tokens when <c>IdentityHub:Issuer</c> is not set.
/// </summary>
public sealed class LogoutSignal : IDisposable
{
    private readonly SemaphoreSlim _raised = new(0, 1);

    /// <summary>The issuer seen on this node's last request that ended a session (<c>https://host/</c>), if any.</summary>
    public Uri? SeenIssuer { get; private set; }

    /// <summary>Wakes the job (once, however many times it is called before the job runs).</summary>
    public void Raise(HttpContext? http = null)
    {
        NoteIssuer(http);
        try
        {
            _raised.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already raised: the job's next run sends everything due.
        }
    }

    /// <summary>Remembers the issuer of a request (every sign-in notes it, so a lapsed session's portals can be told).</summary>
    public void NoteIssuer(HttpContext? http)
    {
        if (http is not null && http.Request.Host.HasValue)
        {
            SeenIssuer = new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/", UriKind.Absolute);
        }
    }

    public void Dispose() => _raised.Dispose();

    /// <summary>Waits until raised or until <paramref name="timeout"/> of <paramref name="time"/> passes.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, linked.Token);
        var raised = _raised.WaitAsync(linked.Token);
        // Whatever completes the wait (the clock's timer, or a test clock's Advance moving it by days) must not
        // run the caller's next round inline: the caller goes on on the thread pool.
        await ((Task)Task.WhenAny(delay, raised)).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        await linked.CancelAsync();
        try
        {
            await Task.WhenAll(delay, raised);
        }
        catch (OperationCanceledException)
        {
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
