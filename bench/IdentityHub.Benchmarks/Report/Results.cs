using IdentityHub.Benchmarks.Load;
using IdentityHub.Benchmarks.Machine;
using IdentityHub.Benchmarks.Scenarios;

namespace IdentityHub.Benchmarks.Report;

/// <summary>One server's figures in one scenario.</summary>
public sealed record TargetResult(
    string Server,
    double OperationsPerSecond,
    double RequestsPerSecond,
    double CpuSecondsPer1000,
    double DatabaseCpuSecondsPer1000,
    double DriverCpuShare,
    double DatabaseTransactionsPerOperation,
    double PrivateKeyOperations,
    double? HardwareShare,
    double? LimitMeasuredAround,
    PhaseResult Saturation,
    PhaseResult At50,
    PhaseResult At80)
{
    public int Errors => Saturation.Errors + At50.Errors + At80.Errors + (At200?.Errors ?? 0);

    /// <summary>
    /// The open loop at twice the saturation rate (IdentityHub only, token scenarios): the admitted requests' latency
    /// and how many were refused at once with 503. Null in runs saved before it existed.
    /// </summary>
    public PhaseResult? At200 { get; init; }

    /// <summary>Server CPU seconds per 1000 HTTP requests (an operation is one or more requests).</summary>
    public double CpuSecondsPer1000Requests => RequestsPerSecond > 0 ? CpuSecondsPer1000 * OperationsPerSecond / RequestsPerSecond : double.NaN;

    /// <summary>The rate in each slice of the saturation phase, in the order they ran.</summary>
    public IReadOnlyList<double> SliceRates { get; init; } = [];

    /// <summary>ECDSA P-256 signatures per operation (ES256 tokens; IdentityHub's ES256 rows), beside <see cref="PrivateKeyOperations"/>.</summary>
    public double EcdsaSignatures { get; init; }
}

public sealed record TargetCheck(string Description, bool Met);

public sealed record ScenarioResult(string Key, string Title, int RequestsPerOperation, string Bound, TargetResult IdentityHub, TargetResult? OidcProvider)
{
    /// <summary>
    /// IdentityHub's rate over oidc-provider's in each round of the saturation phase, where the two ran one
    /// slice each, seconds apart.
    /// </summary>
    public IReadOnlyList<double> RoundRatios =>
        OidcProvider is { } other
            ? [.. IdentityHub.SliceRates.Zip(other.SliceRates, (hub, provider) => provider > 0 ? hub / provider : double.NaN)]
            : [];

    /// <summary>
    /// The median of the round ratios: the host's speed moves by tens of percent within seconds, and a round
    /// where one server's slice met a slow moment should not decide the figure either way.
    /// </summary>
    public double? Ratio => RoundRatios.Where(double.IsFinite).Order().ToList() is { Count: > 0 } sorted
        ? (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2
        : null;

    public IReadOnlyList<TargetCheck> Checks { get; init; } = [];

    /// <summary>
    /// IdentityHub's ES256 setup (ES256 access and ID tokens): its own row, measured after the scenario's comparison,
    /// with no oidc-provider, ratio or targets (the comparison stays RS256 against RS256).
    /// </summary>
    public bool Es256 { get; init; }

    public bool Met => Checks.All(check => check.Met);
}

public sealed record ServerMemory(string Server, double RssMegabytes, double PeakRssMegabytes);

public sealed record MachineInfo(string Cpu, int Cores, string Kernel, string Dotnet, string Node, string Postgres, string OpenSsl, string LoadAverage, string Started);

public sealed record BenchResults(
    MachineInfo Machine,
    HardwareLimits Limits,
    BenchOptions Options,
    IReadOnlyList<ScenarioResult> Scenarios,
    IReadOnlyList<ServerMemory> Memory,
    bool RssTargetMet)
{
    /// <summary>What holds IdentityHub's memory after the run; null in runs saved before it existed.</summary>
    public MemoryBreakdown? IdentityHubMemory { get; init; }
}

/// <summary>The speed targets of O7 (docs/requirements.md), checked against one scenario's figures.</summary>
public static class Targets
{
    public const double MinimumRatio = 1.25;
    public const double MinimumRsaShare = 0.60;
    public const double MinimumHashShare = 0.80;
    public const double MaximumP99Ms = 50;
    public const double MaximumRssMegabytes = 200;

    public static IReadOnlyList<TargetCheck> For(Scenario scenario, ScenarioResult result)
    {
        var checks = new List<TargetCheck>();
        var identityHub = result.IdentityHub;
        if (result.OidcProvider is not null)
        {
            checks.Add(new TargetCheck($"≥ {MinimumRatio:0.00}× oidc-provider", result.Ratio >= MinimumRatio));
        }

        if (scenario.Key is "client-credentials" or "refresh")
        {
            checks.Add(new TargetCheck($"≥ {MinimumRsaShare:P0} of RSA signing", identityHub.HardwareShare >= MinimumRsaShare));
        }

        if (scenario.Bound == HardwareBound.PasswordHashes)
        {
            checks.Add(new TargetCheck($"≥ {MinimumHashShare:P0} of hash rate", identityHub.HardwareShare >= MinimumHashShare));
        }

        if (scenario.HasLatencyTarget)
        {
            checks.Add(new TargetCheck($"p99 < {MaximumP99Ms:0} ms at 80%", identityHub.At80.P99Ms < MaximumP99Ms));
        }

        if (identityHub.At200 is { } overload)
        {
            checks.Add(new TargetCheck($"admitted p99 < {MaximumP99Ms:0} ms at 200%", overload.P99Ms < MaximumP99Ms));
        }

        return checks;
    }
}
