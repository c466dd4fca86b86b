using IdentityHub.Benchmarks;
using IdentityHub.Benchmarks.Machine;
using IdentityHub.Benchmarks.Report;

// bench/run starts this pinned to the driver core. "hash-rate" is the helper it starts on the server core;
// "render" prints a saved run's table and draws its chart again (bench/run --render FILE).
if (args is ["hash-rate", var seconds])
{
    return HardwareLimits.PrintPasswordHashRate(double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture));
}

if (args is ["render", var resultsFile])
{
    return await ResultsFile.RenderAsync(resultsFile);
}

try
{
    return await new BenchRun(BenchOptions.Parse(args)).ExecuteAsync();
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}
