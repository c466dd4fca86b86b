using IdentityHub.Benchmarks;
using IdentityHub.Benchmarks.Machine;

// bench/run starts this pinned to the driver core. "hash-rate" is the helper it starts on the server core.
if (args is ["hash-rate", var seconds])
{
    return HardwareLimits.PrintPasswordHashRate(double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture));
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
