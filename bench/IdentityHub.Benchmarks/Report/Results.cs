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
    public int Errors => Saturation.Errors + At50.Errors + At80.Errors;
}

public sealed record TargetCheck(string Description, bool Met);

public sealed record ScenarioResult(string Key, string Title, int RequestsPerOperation, string Bound, TargetResult IdentityHub, TargetResult? OidcProvider, IReadOnlyList<TargetCheck> Checks)
{
    public double? Ratio => OidcProvider is { OperationsPerSecond: > 0 } other ? IdentityHub.OperationsPerSecond / other.OperationsPerSecond : null;

    /// <summary>
    /// The ratio with each server's rate divided by the core's speed measured next to its own phase (the RSA
    /// limit): the host's speed drifts between the two phases, and this takes the drift out.
    /// </summary>
    public double? SpeedAdjustedRatio =>
        OidcProvider is { OperationsPerSecond: > 0, LimitMeasuredAround: > 0 } other && IdentityHub.LimitMeasuredAround is > 0
            ? IdentityHub.OperationsPerSecond / IdentityHub.LimitMeasuredAround.Value / (other.OperationsPerSecond / other.LimitMeasuredAround.Value)
            : null;

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
    bool RssTargetMet);

/// <summary>The targets, checked against one scenario's figures.</summary>
public static class Targets
{
    public const double MinimumRatio = 1.25;
    public const double MinimumRsaShare = 0.60;
    public const double MinimumHashShare = 0.80;
    public const double MaximumP99Ms = 50;
    public const double MaximumRssMegabytes = 300;

    public static IReadOnlyList<TargetCheck> For(Scenario scenario, TargetResult identityHub, TargetResult? oidcProvider)
    {
        var checks = new List<TargetCheck>();
        if (oidcProvider is not null)
        {
            var ratio = oidcProvider.OperationsPerSecond > 0 ? identityHub.OperationsPerSecond / oidcProvider.OperationsPerSecond : 0;
            checks.Add(new TargetCheck($"≥ {MinimumRatio:0.00}× oidc-provider", ratio >= MinimumRatio));
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

        return checks;
    }
}
