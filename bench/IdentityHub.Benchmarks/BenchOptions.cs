namespace IdentityHub.Benchmarks;

/// <summary>How long and how hard to drive each scenario; <c>--smoke</c> is the seconds-long run CI uses.</summary>
public sealed record BenchOptions
{
    public bool Smoke { get; init; }

    /// <summary>Closed-loop warm-up before each measured phase.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The warm-up goes on (in steps of <see cref="WarmUp"/>, for at most a minute) until this many
    /// operations have run: the runtime compiles a method's optimized code only after it has been called
    /// a few dozen times, so a scenario as slow as the full sign-in would otherwise be measured half-compiled.
    /// </summary>
    public int WarmUpOperations { get; init; } = 300;

    public static TimeSpan MaxWarmUp { get; } = TimeSpan.FromMinutes(1);

    /// <summary>The closed-loop phase that finds the rate at saturation.</summary>
    public TimeSpan Saturation { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Each open-loop phase (at 50% and at 80% of the saturation rate).</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Concurrent virtual users in the closed loop.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Seeded users with an enrolled email method, for the full sign-in scenario.</summary>
    public int Users { get; init; } = 3000;

    public int OpensslSeconds { get; init; } = 3;

    public bool WithOidcProvider { get; init; } = true;

    /// <summary>
    /// IdentityHub's ES256 rows after the client-credentials, refresh and SSO scenarios (IdentityHub only, outside the
    /// comparison); <c>--no-es256</c> leaves them out.
    /// </summary>
    public bool WithEs256 { get; init; } = true;

    /// <summary>
    /// IdentityHub's scrape endpoint on, and its counters read in every phase. With it, every request records the
    /// instruments an exporting deployment records; <c>--no-counters</c> measures the server without any exporter
    /// (as runs before 2026-12 did), to see what the instruments cost.
    /// </summary>
    public bool WithCounters { get; init; } = true;

    /// <summary>Scenario keys to run (empty: all).</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    /// <summary>Where the JSON and the chart go; null in a smoke run (nothing written).</summary>
    public string? OutputFolder { get; init; }

    /// <summary>The core the servers are pinned to; the harness itself runs on another (see bench/run).</summary>
    public int ServerCore { get; init; }

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var (option, value) = (args[i], i + 1 < args.Count ? args[i + 1] : null);
            try
            {
                options = Apply(options, option, value, ref i);
            }
            catch (Exception exception) when (exception is FormatException or OverflowException)
            {
                throw new ArgumentException($"{option} needs a number of zero or more, not '{value}'.", exception);
            }
        }

        return options;
    }

    private static BenchOptions Apply(BenchOptions options, string option, string? value, ref int i) =>
        option switch
        {
            "--smoke" => options with
            {
                Smoke = true,
                WarmUp = TimeSpan.FromSeconds(0.3),
                WarmUpOperations = 0,
                Saturation = TimeSpan.FromSeconds(0.7),
                Latency = TimeSpan.FromSeconds(0.3),
                Users = 200,
                OpensslSeconds = 1,
                Concurrency = 4,
            },
            "--warmup" => options with { WarmUp = Seconds(value, ref i) },
            "--warmup-operations" => options with { WarmUpOperations = Number(value, ref i) },
            "--duration" => options with { Saturation = Seconds(value, ref i) },
            "--latency-duration" => options with { Latency = Seconds(value, ref i) },
            "--concurrency" => options with { Concurrency = Number(value, ref i) },
            "--users" => options with { Users = Number(value, ref i) },
            "--only" => options with { Only = Text(value, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries) },
            "--no-oidc-provider" => options with { WithOidcProvider = false },
            "--no-es256" => options with { WithEs256 = false },
            "--no-counters" => options with { WithCounters = false },
            "--out" => options with { OutputFolder = Text(value, ref i) },
            "--server-core" => options with { ServerCore = Number(value, ref i) },
            var other => throw new ArgumentException($"Unknown option {other}. See bench/run --help."),
        };

    private static string Text(string? value, ref int i)
    {
        i++;
        return value ?? throw new ArgumentException("An option is missing its value.");
    }

    private static int Number(string? value, ref int i) =>
        int.Parse(Text(value, ref i), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);

    private static TimeSpan Seconds(string? value, ref int i) =>
        TimeSpan.FromSeconds(double.Parse(Text(value, ref i), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture));
}
