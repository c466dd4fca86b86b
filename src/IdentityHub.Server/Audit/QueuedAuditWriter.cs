using System.Threading.Channels;
using IdentityHub.Data;
using IdentityHub.Data.Audit;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Audit;

/// <summary>
/// Writes the audit events of the token paths (tokens issued and refused) off the request (decision 0032): a
/// request queues its event in memory and goes on; this background service writes what is queued in batches,
/// every <see cref="Window"/> or <see cref="BatchSize"/> events, whichever comes first, in a scope (and
/// database context) of its own. A full queue makes the request wait, never drops an event; a failed batch is
/// logged and tried again with backoff for as long as the process lives; stopping writes what is queued. A
/// crash loses at most what was queued in the last moments. Sign-ins, failures, lockouts and administrative
/// changes do not come here: they stay written in the request's own transaction (<see cref="AuditLog"/>).
/// </summary>
public sealed partial class QueuedAuditWriter : BackgroundService
{
    /// <summary>How many events wait at most; the next request waits for room.</summary>
    public const int Capacity = 10_000;

    /// <summary>A batch is written as soon as it holds this many events.</summary>
    public const int BatchSize = 256;

    /// <summary>How long the first event of a batch waits at most for others to join it.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest pause between two tries of a batch the database refused.</summary>
    public static readonly TimeSpan LongestBackoff = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a request that queued after the service stopped tries to write its event itself.</summary>
    private static readonly TimeSpan LateWriteLimit = TimeSpan.FromSeconds(10);

    private readonly Channel<Queued> _channel;
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<QueuedAuditWriter> _logger;

    /// <summary>Cancelled when the host's shutdown timeout is over: the last batch stops being retried.</summary>
    private readonly CancellationTokenSource _abandon = new();

    private volatile bool _stopped;

    public QueuedAuditWriter(IServiceScopeFactory scopes, ILogger<QueuedAuditWriter> logger)
        : this(scopes, logger, Capacity)
    {
    }

    internal QueuedAuditWriter(IServiceScopeFactory scopes, ILogger<QueuedAuditWriter> logger, int capacity)
    {
        _scopes = scopes;
        _logger = logger;
        // Several readers: after the service stops, a late request writes what it queued itself.
        _channel = Channel.CreateBounded<Queued>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>Queues an event (its fields cut to their columns' lengths); waits while the queue is full.</summary>
    public ValueTask EnqueueAsync(AuditEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return QueueAsync(new Queued(Bounded(entry), null));
    }

    /// <summary>Completes once every event queued before the call is written (tests; a command before it exits).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await QueueAsync(new Queued(null, written));
        await written.Task.WaitAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await using var abandon = cancellationToken.Register(_abandon.Cancel);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _abandon.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Queued>(BatchSize);
        try
        {
            while (await _channel.Reader.WaitToReadAsync(stoppingToken))
            {
                await CollectAsync(batch, stoppingToken);
                await WriteAsync(batch, _abandon.Token);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Stopping: from now on a request that queues writes its own event (QueueAsync); what is queued goes now.
        _stopped = true;
        while (_channel.Reader.TryRead(out var item))
        {
            batch.Add(item);
        }

        await WriteAsync(batch, _abandon.Token);
    }

    private async ValueTask QueueAsync(Queued item)
    {
        await _channel.Writer.WriteAsync(item);
        if (_stopped)
        {
            var late = new List<Queued>();
            while (_channel.Reader.TryRead(out var left))
            {
                late.Add(left);
            }

            using var limit = new CancellationTokenSource(LateWriteLimit);
            await WriteAsync(late, limit.Token);
        }
    }

    /// <summary>Reads into the batch until it is full, a flush is asked for, or the window since its first event is over.</summary>
    private async Task CollectAsync(List<Queued> batch, CancellationToken stoppingToken)
    {
        using var window = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        window.CancelAfter(Window);
        while (batch.Count < BatchSize)
        {
            if (_channel.Reader.TryRead(out var item))
            {
                batch.Add(item);
                if (item.Written is not null)
                {
                    return;
                }

                continue;
            }

            try
            {
                await _channel.Reader.WaitToReadAsync(window.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Writes the batch's events, trying again with backoff until written or <paramref name="abandon"/>; then answers its flushes.</summary>
    private async Task WriteAsync(List<Queued> batch, CancellationToken abandon)
    {
        var events = batch.Where(item => item.Event is not null).Select(item => item.Event!).ToList();
        var backoff = FirstBackoff;
        for (var attempt = 1; events.Count > 0; attempt++)
        {
            try
            {
                await SaveAsync(events, retry: attempt > 1, abandon);
                break;
            }
            catch (Exception exception) when (!abandon.IsCancellationRequested)
            {
                LogRetry(_logger, exception, events.Count, attempt, backoff);
                try
                {
                    await Task.Delay(backoff, abandon);
                }
                catch (OperationCanceledException)
                {
                }

                backoff = backoff * 2 > LongestBackoff ? LongestBackoff : backoff * 2;
            }
            catch (Exception exception)
            {
                LogLost(_logger, exception, events.Count, string.Join(' ', events.Select(e => e.Reference)));
                foreach (var flush in batch.Where(item => item.Written is not null))
                {
                    flush.Written!.TrySetException(exception);
                }

                return;
            }
        }

        foreach (var flush in batch.Where(item => item.Written is not null))
        {
            flush.Written!.TrySetResult();
        }
    }

    /// <summary>
    /// One insert of the batch, on a context of its own. On a retry, events an earlier try did write (the
    /// commit landed but its answer was lost) are left out, so none is written twice and none blocks the rest.
    /// </summary>
    private async Task SaveAsync(List<AuditEvent> events, bool retry, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>();
        if (retry)
        {
            var ids = events.Select(e => e.Id).ToList();
            var written = await db.AuditEvents.Where(e => ids.Contains(e.Id)).Select(e => e.Id).ToListAsync(cancellationToken);
            events.RemoveAll(e => written.Contains(e.Id));
            if (events.Count == 0)
            {
                return;
            }
        }

        db.AuditEvents.AddRange(events);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The columns' lengths (IdentityHubDbContext): a value too long would make the whole batch fail again and again.</summary>
    private static AuditEvent Bounded(AuditEvent entry)
    {
        entry.UserId = Cut(entry.UserId, 450);
        entry.ActorId = Cut(entry.ActorId, 450);
        entry.OrganizationId = Cut(entry.OrganizationId, 32);
        entry.ClientId = Cut(entry.ClientId, 100);
        entry.IpAddress = Cut(entry.IpAddress, 64);
        entry.Device = Cut(entry.Device, 100);
        entry.Event = Cut(entry.Event, 64)!;
        entry.Outcome = Cut(entry.Outcome, 32)!;
        entry.Detail = Cut(entry.Detail, 1000);
        return entry;
    }

    private static string? Cut(string? value, int length) => value is { Length: var n } && n > length ? value[..length] : value;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} queued audit event(s) failed (try {Attempt}); trying again in {Backoff}")]
    private static partial void LogRetry(ILogger logger, Exception exception, int count, int attempt, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} queued audit event(s) could not be written before shutdown and are lost: references {References}")]
    private static partial void LogLost(ILogger logger, Exception exception, int count, string references);

    /// <summary>An event to write, or (with <see cref="Written"/>) a request to be told when everything before it is written.</summary>
    private readonly record struct Queued(AuditEvent? Event, TaskCompletionSource? Written);
}
