namespace IdentityHub.Server.Account;

/// <summary>
/// Pads a self-service answer to a minimum duration, so that a known account (an email sent, a code
/// issued) and an unknown one (nothing to do) take about the same time (A6, A7).
/// </summary>
/// <remarks>
/// The minimum is <c>IdentityHub:Account:MinimumResponseTime</c> (default 400 ms). The padding runs on
/// the real clock (<see cref="TimeProvider.System"/>) on purpose: it is about wall-clock time an
/// observer can measure, and tests that drive the injected clock with a FakeTimeProvider would
/// otherwise wait forever. Only the remainder after the real work is waited. Work slower than the
/// minimum (a slow mail server) still shows; raise the minimum above the delivery timeout if that matters.
/// </remarks>
public sealed class SteadyResponseTime(IConfiguration configuration)
{
    public const string MinimumKey = "IdentityHub:Account:MinimumResponseTime";

    public static readonly TimeSpan DefaultMinimum = TimeSpan.FromMilliseconds(400);

    public TimeSpan Minimum { get; } = configuration.GetValue<TimeSpan?>(MinimumKey) is { } value && value >= TimeSpan.Zero ? value : DefaultMinimum;

    /// <summary>A start mark on the real clock.</summary>
    public static long Start() => TimeProvider.System.GetTimestamp();

    /// <summary>Waits what is left of the minimum since <paramref name="started"/>.</summary>
    public Task PadAsync(long started, CancellationToken cancellationToken)
    {
        var rest = Minimum - TimeProvider.System.GetElapsedTime(started);
        return rest > TimeSpan.Zero ? Task.Delay(rest, TimeProvider.System, cancellationToken) : Task.CompletedTask;
    }
}
