using System.Globalization;
using System.Text;

namespace IdentityHub.Benchmarks.Report;

/// <summary>The results as a Markdown table (printed, and pasted into docs/benchmarks.md).</summary>
public static class ResultTable
{
    public static string Render(BenchResults results)
    {
        var limits = results.Limits;
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Machine limit on one core: RSA-2048 {limits.Rsa2048SignsPerSecond:0} signatures/s, P-256 {limits.P256SignsPerSecond:0} signatures/s, password hashes {limits.PasswordHashesPerSecond:0.0}/s (PBKDF2-HMAC-SHA512, {limits.PasswordIterations:N0} iterations), OpenIddict client-secret checks {limits.ClientSecretChecksPerSecond:0}/s (PBKDF2-HMAC-SHA256, 10,000 iterations), measured at the start. Each scenario's saturation phase runs in rounds, IdentityHub and oidc-provider one slice each per round, with the limit measured again before, between and after the slices; each share below is taken against the higher of the two figures next to each slice (shown with it), and the ratio IdentityHub ÷ oidc-provider is the median of the rounds' ratios (each round's in brackets)."));
        text.AppendLine();
        text.AppendLine("| Scenario | Server | ops/s (saturation) | HTTP req/s | IdentityHub ÷ oidc-provider | p50 / p95 / p99 ms at 50% | p50 / p95 / p99 ms at 80% | server CPU s per 1000 ops (per 1000 HTTP requests) | DB CPU s per 1000 ops | DB transactions per op | share of hardware limit | errors | targets met |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var scenario in results.Scenarios)
        {
            var ratio = scenario.Ratio is { } raw
                ? Invariant($"{raw:0.00}×") + (scenario.RoundRatios.Count > 1 ? " (rounds: " + string.Join(", ", scenario.RoundRatios.Select(r => Invariant($"{r:0.00}"))) + ")" : "")
                : "–";
            if (scenario.Es256)
            {
                Row(text, scenario, scenario.IdentityHub, "not compared (ES256)", "– (outside the comparison)");
                continue;
            }

            Row(text, scenario, scenario.IdentityHub, ratio,
                scenario.Checks.Count == 0 ? "–" : string.Join("; ", scenario.Checks.Select(check => (check.Met ? "yes: " : "NO: ") + check.Description)));
            if (scenario.OidcProvider is { } other)
            {
                Row(text, scenario, other, "", "");
            }
        }

        Overload(text, results);
        text.AppendLine();
        foreach (var memory in results.Memory)
        {
            text.AppendLine(Invariant($"{memory.Server}: RSS {memory.RssMegabytes:0} MB after the run, peak {memory.PeakRssMegabytes:0} MB."));
        }

        text.AppendLine(Invariant($"IdentityHub RSS under {Targets.MaximumRssMegabytes:0} MB after the whole run: {(results.RssTargetMet ? "yes" : "NO")}."));
        if (results.IdentityHubMemory is { } breakdown)
        {
            text.AppendLine();
            text.Append(breakdown.Render());
        }

        Counters(text, results);
        return text.ToString();
    }

    private static void Row(StringBuilder text, ScenarioResult scenario, TargetResult result, string ratio, string targets)
    {
        var operations = scenario.Bound == "PasswordHashes" ? "hashes"
            : scenario.Es256 ? $"{result.PrivateKeyOperations:0} RSA + {result.EcdsaSignatures:0} P-256 op/op, limits at the start"
            : $"{result.PrivateKeyOperations:0} RSA op/op";
        var share = result.HardwareShare is { } value
            ? Invariant($"{value:P0} ({operations}{(result.LimitMeasuredAround is { } limit ? $" of {limit:0.#}/s" : "")})")
            : "–";
        text.AppendLine(Invariant(
            $"| {scenario.Title} | {result.Server} | {result.OperationsPerSecond:0} | {result.RequestsPerSecond:0} | {ratio} | {Latencies(result.At50)} | {Latencies(result.At80)} | {CpuFigures(scenario, result)} | {result.DatabaseCpuSecondsPer1000:0.00} | {result.DatabaseTransactionsPerOperation:0.0} | {share} | {result.Errors} | {targets} |"));
    }

    /// <summary>The open loops at twice the saturation rate, when the run has them: what was admitted, how fast, and what was refused.</summary>
    private static void Overload(StringBuilder text, BenchResults results)
    {
        var overloaded = results.Scenarios.Where(scenario => scenario.IdentityHub.At200 is not null).ToList();
        if (overloaded.Count == 0)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine("IdentityHub at twice its saturation rate (open loop; the excess is refused at once with 503 and Retry-After by the overload limits):");
        text.AppendLine();
        text.AppendLine("| Scenario | offered ops/s | admitted ops/s | refused (503) | p50 / p95 / p99 ms of the admitted | errors |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var scenario in overloaded)
        {
            var phase = scenario.IdentityHub.At200!;
            var offered = (phase.Completed + phase.Refused + phase.Errors) / phase.Seconds;
            var refusedShare = phase.Completed + phase.Refused == 0 ? 0 : (double)phase.Refused / (phase.Completed + phase.Refused);
            text.AppendLine(Invariant(
                $"| {scenario.Title} | {offered:0} | {phase.Rate:0} | {phase.Refused} ({refusedShare:P0}) | {Latencies(phase)} | {phase.Errors} |"));
        }
    }

    /// <summary>IdentityHub's counters in each scenario's saturation phase and open loop at 80 %: what requests waited behind.</summary>
    private static void Counters(StringBuilder text, BenchResults results)
    {
        var measured = results.Scenarios.Where(scenario => scenario.IdentityHub.Saturation.Counters is not null).ToList();
        if (measured.Count == 0)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine("IdentityHub's counters (scraped about once a second; mean/max of the gauges, counters' change over the phase):");
        text.AppendLine();
        text.AppendLine("| Scenario | phase | requests in ASP.NET Core | thread-pool queue | thread-pool threads | overload in progress | overload queued | waited for a turn (mean ms) | Npgsql used / pending | lock waits | GC pauses ms (gen0/1/2) | JIT: methods compiled (s compiling) | context switches/s (voluntary / involuntary) |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var scenario in measured)
        {
            var hub = scenario.IdentityHub;
            foreach (var (phase, result) in new[] { ("saturation", hub.Saturation), ("80 %", hub.At80) })
            {
                if (result.Counters is not { } c)
                {
                    continue;
                }

                var title = scenario.Es256 ? scenario.Title + " (ES256)" : scenario.Title;
                text.AppendLine(Invariant(
                    $"| {title} | {phase} | {S(c.ActiveRequests)} | {S(c.ThreadPoolQueue)} | {S(c.ThreadPoolThreads)} | {S(c.OverloadInProgress)} | {S(c.OverloadQueued)} | {N(c.OverloadWaits)} ({N(c.OverloadMeanWaitMs)}) | {S(c.DatabaseConnectionsUsed)} / {S(c.DatabasePendingRequests)} | {N(c.LockContentions)} | {N(c.GcPauseMs)} ({N(c.Gen0Collections)}/{N(c.Gen1Collections)}/{N(c.Gen2Collections)}) | {N(c.JitMethods)} ({Tenths(c.JitSeconds)}) | {c.VoluntaryContextSwitches / result.Seconds:0} / {c.InvoluntaryContextSwitches / result.Seconds:0} |"));
            }
        }
    }

    private static string S(Machine.Spread? spread) => spread is null ? "–" : Invariant($"{spread.Mean:0.#}/{spread.Max:0.#}");

    private static string N(double? value) => value is null ? "–" : Invariant($"{value:0}");

    private static string Tenths(double? value) => value is null ? "–" : Invariant($"{value:0.0}");

    private static string CpuFigures(ScenarioResult scenario, TargetResult result) =>
        scenario.RequestsPerOperation > 1
            ? Invariant($"{result.CpuSecondsPer1000:0.00} ({result.CpuSecondsPer1000Requests:0.00})")
            : Invariant($"{result.CpuSecondsPer1000:0.00}");

    private static string Latencies(Load.PhaseResult phase) =>
        double.IsNaN(phase.P50Ms) ? "–" : Invariant($"{phase.P50Ms:0.0} / {phase.P95Ms:0.0} / {phase.P99Ms:0.0}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
