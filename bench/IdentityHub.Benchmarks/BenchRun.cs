using System.Globalization;
using IdentityHub.Benchmarks.Load;
using IdentityHub.Benchmarks.Machine;
using IdentityHub.Benchmarks.Report;
using IdentityHub.Benchmarks.Scenarios;
using IdentityHub.Benchmarks.Seeding;
using IdentityHub.Benchmarks.Servers;
using IdentityHub.Testing;

namespace IdentityHub.Benchmarks;

/// <summary>
/// The whole run: the machine's limits, a throwaway PostgreSQL, both servers pinned to the server
/// core, seeded users, then each scenario on both servers (taking turns in its saturation phase, see
/// <see cref="MeasureAsync"/>), and the table, JSON and chart.
/// </summary>
public sealed class BenchRun(BenchOptions options)
{
    public async Task<int> ExecuteAsync()
    {
        var machine = await MachineDescription.ReadAsync();
        Say($"Machine: {machine.Cpu}, {machine.Cores} cores, load average {machine.LoadAverage}; servers on core {options.ServerCore}, this driver and PostgreSQL on the others.");
        Say("Measuring the hardware limits (openssl speed, password hashing) on the server core");
        var limits = await HardwareLimits.MeasureAsync(options.ServerCore, options.OpensslSeconds, options.Smoke ? 0.5 : 3);
        Say(string.Create(CultureInfo.InvariantCulture,
            $"  RSA-2048 {limits.Rsa2048SignsPerSecond:0}/s, P-256 {limits.P256SignsPerSecond:0}/s, password hashes {limits.PasswordHashesPerSecond:0.0}/s"));

        var work = Directory.CreateTempSubdirectory("identityhub-bench-").FullName;
        Say($"Starting a throwaway PostgreSQL (logs and data in {work})");
        using var postgres = await ThrowawayPostgres.StartAsync();
        var postmaster = await ServerLaunch.PostmasterPidAsync(postgres.AdministratorConnectionString);
        var secret = ServerLaunch.NewSecret();
        var hubDatabase = await ServerLaunch.CreateDatabaseAsync(postgres.AdministratorConnectionString, "identityhub");

        Say("Starting IdentityHub (Release, Production environment, PostgreSQL)");
        using var hub = await ServerLaunch.StartIdentityHubAsync(options.ServerCore, hubDatabase, work, secret, options.WithCounters);
        await using var hubProcess = hub.Process;
        using var hubOutbox = hub.Outbox!;
        using var hubCounters = hub.Counters;
        hub.SignIn = new IdentityHubSignIn(hub.Outbox!).SignInAsync;
        hub.DatabaseConnectionString = hubDatabase;
        if (hubCounters is not null && await hubCounters.ScrapeAsync() is null)
        {
            Say($"  WARNING: IdentityHub's scrape endpoint ({hubCounters.ScrapeUrl}) does not answer: the phases will have no counters.");
        }

        // The same server through its ES256 clients: IdentityHub's own rows, outside the comparison.
        using var hubEs256 = hub.Through("IdentityHub (ES256)", TargetClients.Es256);

        Target? provider = null;
        if (options.WithOidcProvider)
        {
            Say("Starting oidc-provider (Node.js, PostgreSQL adapter)");
            var providerDatabase = await ServerLaunch.CreateDatabaseAsync(postgres.AdministratorConnectionString, "oidcprovider");
            provider = await ServerLaunch.StartOidcProviderAsync(options.ServerCore, providerDatabase, work, secret);
            provider.DatabaseConnectionString = providerDatabase;
        }

        try
        {
            Say($"Seeding {options.Users} users (password, email method, terms accepted, recovery codes)");
            var users = await BenchUsers.SeedIdentityHubAsync(hubDatabase, options.Users);
            var poolSize = options.Concurrency * 2;
            if (provider is not null)
            {
                await BenchUsers.SeedOidcProviderAsync(
                    new Npgsql.NpgsqlConnectionStringBuilder(hubDatabase) { Database = "oidcprovider" }.ConnectionString, users.Take(poolSize));
            }

            var context = new ScenarioContext(users, poolSize);
            var results = new List<ScenarioResult>();
            foreach (var scenario in Scenario.All.Where(s => options.Only.Count == 0 || options.Only.Contains(s.Key)))
            {
                Target[] targets = scenario.Compared && provider is not null ? [hub, provider] : [hub];
                var measured = await MeasureAsync(scenario, targets, context, limits, postmaster);
                var identityHub = measured[0];
                var other = measured.Count > 1 ? measured[1] : null;
                var result = new ScenarioResult(scenario.Key, scenario.Title, scenario.RequestsPerOperation, scenario.Bound.ToString(), identityHub, other);
                results.Add(result with { Checks = Targets.For(scenario, result) });
                if (options.WithEs256 && scenario.Key is "client-credentials" or "refresh" or "sso")
                {
                    var es256 = (await MeasureAsync(scenario, [hubEs256], context, limits, postmaster))[0];
                    results.Add(new ScenarioResult(scenario.Key + "-es256", scenario.Title, scenario.RequestsPerOperation, scenario.Bound.ToString(), es256, null) { Es256 = true });
                }
            }

            // Before IdentityHub stops: what holds its memory.
            var breakdown = await MemoryBreakdown.ReadAsync(hub.Process.Id, hubCounters);
            var memory = new List<ServerMemory> { new(hub.Name, hub.Process.RssMegabytes, hub.Process.PeakRssMegabytes) };
            if (provider is not null)
            {
                memory.Add(new ServerMemory(provider.Name, provider.Process.RssMegabytes, provider.Process.PeakRssMegabytes));
            }

            var report = new BenchResults(machine, limits, options, results, memory, memory[0].RssMegabytes < Targets.MaximumRssMegabytes)
            {
                IdentityHubMemory = breakdown,
            };
            Console.WriteLine();
            Console.WriteLine(ResultTable.Render(report));
            if (options.OutputFolder is { } folder)
            {
                await ResultsFile.WriteAsync(report, folder);
                Say($"Wrote {Path.Combine(folder, ResultsFile.FileName)} and {ResultsFile.ChartName}");
            }

            var errors = results.Sum(r => r.IdentityHub.Errors + (r.OidcProvider?.Errors ?? 0));
            if (errors > 0)
            {
                Say($"{errors} operations failed (see the errors column and the samples above); logs in {work}.");
                return 1;
            }

            Directory.Delete(work, recursive: true);
            return 0;
        }
        finally
        {
            if (provider is not null)
            {
                await provider.Process.DisposeAsync();
                provider.Dispose();
            }
        }
    }

    /// <summary>Rounds of a saturation phase, with the core's limit measured between them.</summary>
    private const int SaturationRounds = 5;

    /// <summary>A server ready for a scenario: prepared, warmed up, its saturation phase started.</summary>
    private sealed record Contender(Target Target, PreparedScenario Prepared, LoadRunner Runner, LoadRunner.ClosedLoopPhase Saturation)
    {
        public long TransactionsBefore { get; set; }

        /// <summary>The indexes (in the list of limits) of the figures measured before and after each of its slices.</summary>
        public List<(int Before, int After)> SliceLimits { get; } = [];
    }

    /// <summary>
    /// One scenario on one or two servers. The saturation phase runs in rounds; in each round every server
    /// runs a slice in turn, with the core's limit measured before, between and after the slices. The host's
    /// speed drifts by tens of percent within seconds, so the two servers' rates (and so their ratio) and each
    /// rate's share of the limit are taken from moments next to each other, not minutes apart. Each slice is
    /// paired with the higher of the two limits next to it, so a share is never flattered by a slow moment.
    /// </summary>
    private async Task<IReadOnlyList<TargetResult>> MeasureAsync(Scenario scenario, Target[] targets, ScenarioContext context, HardwareLimits limits, int postmaster)
    {
        var contenders = new List<Contender>();
        foreach (var target in targets)
        {
            Say($"{scenario.Title} on {target.Name}");
            using var preparing = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var prepared = await scenario.PrepareAsync(target, context, preparing.Token);
            var runner = new LoadRunner(target, postmaster);
            await WarmUpAsync(runner, prepared.Operation);
            contenders.Add(new Contender(target, prepared, runner, runner.StartClosedLoop(prepared.Operation, options.Concurrency)));
        }

        // The ES256 rows are IdentityHub's alone and compared with nothing: no limit measured around their slices.
        var measureLimit = !options.Smoke && scenario.Bound != HardwareBound.None && targets[0].Clients == TargetClients.Rs256;
        var rounds = options.Smoke || (!measureLimit && contenders.Count == 1) ? 1 : SaturationRounds;
        foreach (var contender in contenders)
        {
            contender.TransactionsBefore = await DatabaseTransactionsAsync(contender.Target);
        }

        Say(contenders.Count > 1
            ? $"{scenario.Title}: saturation in {rounds} rounds, {string.Join(" then ", contenders.Select(c => c.Target.Name))} in each"
            : $"{scenario.Title} on {contenders[0].Target.Name}: saturation in {(rounds == 1 ? "one slice" : $"{rounds} slices")}");
        var limitsAround = new List<double>();
        if (measureLimit)
        {
            limitsAround.Add(await LimitNowAsync(scenario, contenders[0].Target));
        }

        for (var round = 1; round <= rounds; round++)
        {
            foreach (var contender in contenders)
            {
                var (completed, seconds) = await contender.Saturation.RunSliceAsync(options.Saturation / rounds);
                Say(string.Create(CultureInfo.InvariantCulture, $"  {(contenders.Count > 1 ? "round" : "slice")} {round}: {contender.Target.Name,-13} {completed / seconds,8:0.0} ops/s"));
                if (measureLimit)
                {
                    limitsAround.Add(await LimitNowAsync(scenario, contender.Target));
                    contender.SliceLimits.Add((limitsAround.Count - 2, limitsAround.Count - 1));
                }
            }
        }

        if (measureLimit)
        {
            Say(string.Create(CultureInfo.InvariantCulture,
                $"  the limit measured before, between and after the slices: {string.Join(", ", limitsAround.Select(limit => $"{limit:0.0}/s"))}"));
        }

        var results = new List<TargetResult>();
        foreach (var contender in contenders)
        {
            results.Add(await FinishAsync(scenario, contender, limitsAround, limits));
        }

        return results;
    }

    /// <summary>A server's saturation figures, then its open loops at 50 % and 80 % of the rate it reached.</summary>
    private async Task<TargetResult> FinishAsync(Scenario scenario, Contender contender, List<double> limitsAround, HardwareLimits limits)
    {
        var (target, prepared, runner) = (contender.Target, contender.Prepared, contender.Runner);
        var saturation = contender.Saturation.Result();
        Say($"{scenario.Title} on {target.Name}");
        Report("saturation", saturation);
        var transactions = (await DatabaseTransactionsAsync(target) - contender.TransactionsBefore) / Math.Max(1.0, saturation.Completed);
        Say(string.Create(CultureInfo.InvariantCulture, $"  database transactions per operation: {transactions:0.0}"));
        double? limitNow = null;
        if (contender.SliceLimits.Count > 0)
        {
            var slices = contender.Saturation.Slices;
            var weighted = slices.Select((slice, i) => slice.Seconds * Math.Max(limitsAround[contender.SliceLimits[i].Before], limitsAround[contender.SliceLimits[i].After])).Sum();
            limitNow = weighted / slices.Sum(slice => slice.Seconds);
            Say(string.Create(CultureInfo.InvariantCulture, $"  the limit paired with its slices: {limitNow:0.0}/s"));
        }

        var rate = Math.Max(1, saturation.Rate);
        var at50 = await runner.OpenLoopAsync(prepared.Operation, rate * 0.5, options.Latency);
        Report("50% open loop", at50);
        var at80 = await runner.OpenLoopAsync(prepared.Operation, rate * 0.8, options.Latency);
        Report("80% open loop", at80);
        PhaseResult? at200 = null;
        if (scenario.Overloaded && target.Name == "IdentityHub")
        {
            // Twice what it can do: the excess must be refused at once, and what is admitted must stay fast.
            at200 = await runner.OpenLoopAsync(prepared.Operation, rate * 2, options.Latency);
            Report("200% open loop", at200);
        }

        double? share = scenario.Bound switch
        {
            // The ES256 setup: its signatures (RSA for what the server still signs RS256, P-256 for ES256) as a share
            // of the core, against the limits measured at the start.
            HardwareBound.RsaSignatures when target.Clients != TargetClients.Rs256 =>
                saturation.Rate * (prepared.PrivateKeyOperations / limits.Rsa2048SignsPerSecond + prepared.EcdsaSignatures / limits.P256SignsPerSecond),
            HardwareBound.RsaSignatures => saturation.Rate * prepared.PrivateKeyOperations / (limitNow ?? limits.Rsa2048SignsPerSecond),
            HardwareBound.PasswordHashes => saturation.Rate / (limitNow ?? limits.PasswordHashesPerSecond),
            _ => null,
        };
        var perThousand = saturation.Completed == 0 ? double.NaN : 1000.0 / saturation.Completed;
        return new TargetResult(target.Name, saturation.Rate, saturation.Rate * scenario.RequestsPerOperation,
            saturation.ServerCpuSeconds * perThousand, saturation.DatabaseCpuSeconds * perThousand,
            saturation.DriverCpuSeconds / saturation.Seconds, transactions, prepared.PrivateKeyOperations, share, limitNow, saturation, at50, at80)
        {
            SliceRates = [.. contender.Saturation.Slices.Select(slice => slice.Completed / slice.Seconds)],
            At200 = at200,
            EcdsaSignatures = prepared.EcdsaSignatures,
        };
    }

    /// <summary>Closed-loop rounds until <see cref="BenchOptions.WarmUpOperations"/> have run, or a minute has passed.</summary>
    private async Task WarmUpAsync(LoadRunner runner, Func<CancellationToken, Task> operation)
    {
        var (completed, spent) = (0L, TimeSpan.Zero);
        do
        {
            var warm = await runner.ClosedLoopAsync(operation, options.Concurrency, options.WarmUp);
            Report("warm-up", warm);
            (completed, spent) = (completed + warm.Completed, spent + options.WarmUp);
        }
        while (completed < options.WarmUpOperations && spent < BenchOptions.MaxWarmUp);
    }

    /// <summary>The core's limit for the scenario, once the server has finished what it had in flight.</summary>
    private async Task<double> LimitNowAsync(Scenario scenario, Target target)
    {
        await WaitUntilIdleAsync(target);
        return await HardwareLimits.MeasureNowAsync(options.ServerCore, scenario.Bound, options.OpensslSeconds);
    }

    /// <summary>
    /// Waits (up to thirty seconds) until the server has finished what the closed loop left in flight and uses
    /// under 5 % of its core, so that measuring the core's limit does not compete with it.
    /// </summary>
    private static async Task WaitUntilIdleAsync(Target target)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var window = TimeSpan.FromMilliseconds(250);
        while (DateTime.UtcNow < deadline)
        {
            var before = target.Process.CpuSeconds;
            await Task.Delay(window);
            if (target.Process.CpuSeconds - before < 0.05 * window.TotalSeconds)
            {
                return;
            }
        }
    }

    /// <summary>Committed and rolled-back transactions of the target's database so far (PostgreSQL's statistics, flushed about every second).</summary>
    private async Task<long> DatabaseTransactionsAsync(Target target)
    {
        if (options.Smoke)
        {
            return 0; // the smoke run is about errors; the wait for the statistics would double its length
        }

        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await using var connection = new Npgsql.NpgsqlConnection(target.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static void Report(string phase, PhaseResult result)
    {
        Say(string.Create(CultureInfo.InvariantCulture,
            $"  {phase,-14} {result.Rate,8:0.0} ops/s  p50 {result.P50Ms,6:0.0}  p99 {result.P99Ms,7:0.0} ms  server CPU {result.ServerCpuSeconds / result.Seconds,5:P0}  db CPU {result.DatabaseCpuSeconds / result.Seconds,5:P0}  driver CPU {result.DriverCpuSeconds / result.Seconds,5:P0}  errors {result.Errors}{(result.Refused > 0 ? $"  refused (503) {result.Refused}" : "")}"));
        if (result.Counters is { } counters)
        {
            Say("    counters " + counters.Describe(result.Seconds));
        }

        foreach (var sample in result.ErrorSamples)
        {
            Say("    error: " + sample);
        }
    }

    private static void Say(string line) => Console.WriteLine(line);
}
