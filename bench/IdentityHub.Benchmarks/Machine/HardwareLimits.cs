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
    public static async Task<HardwareLimits> MeasureAsync(int core, int opensslSeconds, double hashSeconds, bool hashesOnly = false)
    {
        var rsa = hashesOnly ? double.NaN : ParseRsa(await RunAsync("taskset", $"-c {core} openssl speed -seconds {opensslSeconds} rsa2048"));
        var p256 = hashesOnly ? double.NaN : ParseEcdsa(await RunAsync("taskset", $"-c {core} openssl speed -seconds {opensslSeconds} ecdsap256"));
        var self = Environment.ProcessPath!;
        var dll = typeof(HardwareLimits).Assembly.Location;
        var hashArguments = Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? $"-c {core} {self} {dll} hash-rate {hashSeconds.ToString(CultureInfo.InvariantCulture)}"
            : $"-c {core} {self} hash-rate {hashSeconds.ToString(CultureInfo.InvariantCulture)}";
        var hashes = (await RunAsync("taskset", hashArguments)).Trim().Split(' ');
        return new HardwareLimits(rsa, p256, double.Parse(hashes[0], CultureInfo.InvariantCulture), int.Parse(hashes[1], CultureInfo.InvariantCulture),
            double.Parse(hashes[2], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The one limit a scenario is bound by, measured again on the server core just before and just after
    /// that scenario's saturation phase (with the servers idle): the host's speed drifts within a run, so the
    /// share of the limit compares figures taken within seconds of each other. Null for scenarios bound by neither.
    /// </summary>
    public static async Task<double?> MeasureNowAsync(int core, HardwareBound bound, double seconds)
    {
        switch (bound)
        {
            case HardwareBound.RsaSignatures:
                return ParseRsa(await RunAsync("taskset", Invariant($"-c {core} openssl speed -seconds {Math.Max(1, (int)seconds)} rsa2048")));
            case HardwareBound.PasswordHashes:
                var now = await MeasureAsync(core, opensslSeconds: 0, seconds, hashesOnly: true);
                return now.PasswordHashesPerSecond;
            default:
                return null;
        }
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
