using ScottPlot;

namespace IdentityHub.Benchmarks.Report;

/// <summary>Throughput per scenario on one core, IdentityHub beside oidc-provider and the hardware's bound.</summary>
public static class Chart
{
    public static void Save(BenchResults results, string path)
    {
        var plot = new Plot();
        var identityHub = Colors.SteelBlue;
        var oidcProvider = Colors.DarkOrange;
        var hardware = Colors.Gray.WithAlpha(0.5);
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        // The comparison only: IdentityHub's ES256 rows have no oidc-provider beside them.
        var compared = results.Scenarios.Where(scenario => !scenario.Es256).ToList();
        for (var i = 0; i < compared.Count; i++)
        {
            var scenario = compared[i];
            var x = i * 4.0;
            bars.Add(new Bar { Position = x, Value = scenario.IdentityHub.OperationsPerSecond, FillColor = identityHub });
            if (scenario.OidcProvider is { } other)
            {
                bars.Add(new Bar { Position = x + 1, Value = other.OperationsPerSecond, FillColor = oidcProvider });
            }

            if (Bound(results, scenario) is { } bound)
            {
                bars.Add(new Bar { Position = x + 2, Value = bound, FillColor = hardware });
            }

            ticks.Add(new Tick(x + 1, scenario.Title));
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Margins(left: 0.03, right: 0.1, bottom: 0, top: 0.1);
        plot.Title("Operations per second on one core (saturation)");
        plot.YLabel("operations / s");
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "IdentityHub", FillColor = identityHub });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "oidc-provider", FillColor = oidcProvider });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "hardware bound (RSA-2048 signatures or password hashes)", FillColor = hardware });
        plot.Legend.Alignment = Alignment.UpperCenter; // above the refresh and SSO bars, the lowest
        plot.SavePng(path, 1400, 600);
    }

    /// <summary>What the hardware would allow per second if the scenario did nothing but its private-key work or hashing.</summary>
    private static double? Bound(BenchResults results, ScenarioResult scenario) => scenario.Bound switch
    {
        "PasswordHashes" => scenario.IdentityHub.LimitMeasuredAround ?? results.Limits.PasswordHashesPerSecond,
        "RsaSignatures" when scenario.IdentityHub.PrivateKeyOperations > 0 =>
            (scenario.IdentityHub.LimitMeasuredAround ?? results.Limits.Rsa2048SignsPerSecond) / scenario.IdentityHub.PrivateKeyOperations,
        _ => null,
    };
}
