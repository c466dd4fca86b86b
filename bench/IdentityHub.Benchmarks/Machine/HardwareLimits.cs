using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using IdentityHub.Benchmarks.Scenarios;
using IdentityHub.Data.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using static System.FormattableString;

namespace IdentityHub.Benchmarks.Machine;

/// <summary>What one core of this machine allows: RSA-2048 and P-256 signatures (openssl speed) and password hashes.</summary>
public sealed partial record HardwareLimits(double Rsa2048SignsPerSecond, double P256SignsPerSecond, double PasswordHashesPerSecond, int PasswordIterations, double ClientSecretChecksPerSecond)
{
    /// <summary>Measures on <paramref name="core"/>, the core the servers are pinned to.</summary>
    public static async Task<HardwareLimits> MeasureAsync(int core, int opensslSeconds, double hashSeconds)
    {
        var rsa = await RsaSignaturesAsync(core, opensslSeconds);
        var p256 = ParseEcdsa(await RunAsync("taskset", $"-c {core} openssl speed -seconds {opensslSeconds} ecdsap256"));
        var (hashes, iterations, secrets) = await HashRatesAsync(core, hashSeconds);
        return new HardwareLimits(rsa, p256, hashes, iterations, secrets);
    }

    /// <summary>
    /// The one limit a scenario is bound by, measured again on the server core around each slice of that
    /// scenario's saturation phase (with the servers idle): the host's speed drifts within a run, so the
    /// share of the limit compares figures taken within seconds of each other.
    /// </summary>
    public static async Task<double> MeasureNowAsync(int core, HardwareBound bound, double seconds) => bound switch
    {
        HardwareBound.RsaSignatures => await RsaSignaturesAsync(core, Math.Max(1, (int)seconds)),
        HardwareBound.PasswordHashes => (await HashRatesAsync(core, seconds)).Hashes,
        _ => throw new ArgumentOutOfRangeException(nameof(bound), bound, "The scenario is bound by no hardware limit."),
    };

    private static async Task<double> RsaSignaturesAsync(int core, int seconds) =>
        ParseRsa(await RunAsync("taskset", $"-c {core} openssl speed -seconds {seconds} rsa2048"));

    /// <summary>Runs this program's <c>hash-rate</c> verb on <paramref name="core"/>.</summary>
    private static async Task<(double Hashes, int Iterations, double ClientSecrets)> HashRatesAsync(int core, double seconds)
    {
        var self = Environment.ProcessPath!;
        var dll = typeof(HardwareLimits).Assembly.Location;
        var verb = Invariant($"hash-rate {seconds}");
        var arguments = Path.GetFileNameWithoutExtension(self) == "dotnet" ? $"-c {core} {self} {dll} {verb}" : $"-c {core} {self} {verb}";
        var figures = (await RunAsync("taskset", arguments)).Trim().Split(' ');
        return (double.Parse(figures[0], CultureInfo.InvariantCulture), int.Parse(figures[1], CultureInfo.InvariantCulture),
            double.Parse(figures[2], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The <c>hash-rate</c> verb: verifies passwords with ASP.NET Core Identity's hasher at its default
    /// cost (the server does not change it) on one thread; prints "hashes-per-second iterations".
    /// </summary>
    public static int PrintPasswordHashRate(double seconds)
    {
        var options = new PasswordHasherOptions();
        var hasher = new PasswordHasher<IdentityHubUser>(Options.Create(options));
        var user = new IdentityHubUser();
        var hash = hasher.HashPassword(user, "correct horse battery staple");
        hasher.VerifyHashedPassword(user, hash, "correct horse battery staple");
        var clock = Stopwatch.StartNew();
        var count = 0;
        while (clock.Elapsed.TotalSeconds < seconds || count < 3)
        {
            hasher.VerifyHashedPassword(user, hash, "correct horse battery staple");
            count++;
        }

        var passwordRate = count / clock.Elapsed.TotalSeconds;

        // OpenIddict 7.8 checks client secrets with PBKDF2-HMAC-SHA256, 10,000 iterations.
        var secret = System.Text.Encoding.UTF8.GetBytes("a client secret of thirty-two chars");
        var salt = new byte[16];
        clock.Restart();
        var secrets = 0;
        while (clock.Elapsed.TotalSeconds < seconds || secrets < 3)
        {
            Rfc2898DeriveBytes.Pbkdf2(secret, salt, 10_000, HashAlgorithmName.SHA256, 32);
            secrets++;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{passwordRate:0.0} {options.IterationCount} {secrets / clock.Elapsed.TotalSeconds:0.0}"));
        return 0;
    }

    private static double ParseRsa(string output) =>
        RsaLine().Match(output) is { Success: true } match ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("Unexpected openssl speed output:\n" + output);

    private static double ParseEcdsa(string output) =>
        EcdsaLine().Match(output) is { Success: true } match ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("Unexpected openssl speed output:\n" + output);

    private static async Task<string> RunAsync(string program, string arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {arguments} failed ({process.ExitCode}): {await error}");
        }

        return await output;
    }

    // "rsa 2048 bits 0.001369s 0.000034s    730.5  29327.7": sign/s is the first rate.
    [GeneratedRegex(@"rsa 2048 bits\s+\S+\s+\S+\s+([0-9.]+)")]
    private static partial Regex RsaLine();

    // " 256 bits ecdsa (nistp256)   0.0000s   0.0001s  30804.8  10837.1"
    [GeneratedRegex(@"256 bits ecdsa \(nistp256\)\s+\S+\s+\S+\s+([0-9.]+)")]
    private static partial Regex EcdsaLine();
}
