using System.Net;
using System.Text.Json;

namespace IdentityHub.Admin.Tests.Api;

/// <summary>The admin host's /health/live and /health/ready, as a load balancer reads them (O3): no token, no cookie, the database checked.</summary>
public sealed class HealthTests(AdminHosts hosts) : IClassFixture<AdminHosts>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task The_admin_host_answers_its_probes_without_a_token(string path)
    {
        var response = await hosts.Api(accessToken: null).GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        if (path == "/health/ready")
        {
            Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        }
    }
}
