using IdentityHub.Server.Tests.Infrastructure;
using IdentityHub.Testing;

namespace IdentityHub.Server.Tests.Hardening;

/// <summary>
/// The real server process outside Development (Production): without a key-ring certificate it does
/// not start unless the operator opted out explicitly; a certificate it cannot use stops it too, with
/// one line naming the key.
/// </summary>
public sealed class KeyRingStartupTests
{
    [Fact]
    public async Task Without_a_certificate_the_server_refuses_to_start_and_names_the_setting_and_the_opt_out()
    {
        var environment = await ProductionEnvironmentAsync();

        await using var server = AppProcess.Start("src/IdentityHub.Server", environment, "migrate");

        Assert.Equal(1, await server.WaitForExitAsync());
        Assert.Contains("IdentityHub cannot start: IdentityHub:DataProtection:Certificate:Path (or :Thumbprint) is required outside Development", server.Output);
        Assert.Contains("IdentityHub:DataProtection:AllowUnencryptedKeyRing=true", server.Output);
        Assert.DoesNotContain("   at ", server.Output);
    }

    [Fact]
    public async Task The_explicit_opt_out_lets_it_start_without_a_certificate()
    {
        var environment = await ProductionEnvironmentAsync();
        environment["IdentityHub__DataProtection__AllowUnencryptedKeyRing"] = "true";

        await using var server = AppProcess.Start("src/IdentityHub.Server", environment, "migrate");

        Assert.True(await server.WaitForExitAsync() == 0, server.Output);
    }

    [Theory]
    [InlineData("wrong password", "cannot be read as a PKCS#12 (.pfx) file with the password in IdentityHub:DataProtection:Certificate:Password")]
    [InlineData("missing file", "IdentityHub:DataProtection:Certificate:Path: no certificate file at")]
    public async Task A_certificate_it_cannot_use_stops_it_with_one_line(string problem, string message)
    {
        var environment = await ProductionEnvironmentAsync();
        environment["IdentityHub__DataProtection__Certificate__Path"] = problem == "missing file" ? "/nowhere/keyring.pfx" : TestCertificates.KeyRing.Path;
        environment["IdentityHub__DataProtection__Certificate__Password"] = "not the password";

        await using var server = AppProcess.Start("src/IdentityHub.Server", environment, "migrate");

        Assert.Equal(1, await server.WaitForExitAsync());
        Assert.Contains(message, server.Output);
        Assert.DoesNotContain("   at ", server.Output);
    }

    private static async Task<Dictionary<string, string?>> ProductionEnvironmentAsync() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_URLS"] = $"http://localhost:{FreeTcpPort.Next()}",
        ["IdentityHub__Database__Provider"] = "Postgres",
        ["ConnectionStrings__IdentityHub"] = await PostgresCluster.Shared.CreateDatabaseAsync("keyring"),
    };
}
