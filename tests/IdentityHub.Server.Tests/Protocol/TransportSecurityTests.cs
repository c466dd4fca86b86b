using System.Net;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Protocol;

/// <summary>
/// Outside Development the protocol endpoints need HTTPS. Behind a TLS-terminating proxy, ASP.NET
/// Core's forwarded-headers switch (ASPNETCORE_FORWARDEDHEADERS_ENABLED) lets the proxy's
/// X-Forwarded-Proto count. (The public host name comes from IdentityHub:Issuer.)
/// </summary>
public sealed class TransportSecurityTests
{
    [Fact]
    public async Task Plain_HTTP_is_refused_with_an_OAuth_error()
    {
        await using var app = new IdentityHubApp();
        await app.InitializeAsync();
        var client = app.CreateClient();
        client.BaseAddress = new Uri("http://localhost");

        var response = await client.GetAsync("/.well-known/openid-configuration");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await response.JsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Behind_a_TLS_proxy_the_forwarded_scheme_counts()
    {
        await using var app = new IdentityHubApp().With("FORWARDEDHEADERS_ENABLED", "true");
        await app.InitializeAsync();
        var client = app.CreateClient();
        client.BaseAddress = new Uri("http://localhost");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("https://localhost/", (await response.JsonAsync()).GetProperty("issuer").GetString());
    }
}
