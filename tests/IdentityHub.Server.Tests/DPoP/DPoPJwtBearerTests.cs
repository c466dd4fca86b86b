using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using IdentityHub.DPoP;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IdentityHub.Server.Tests.DPoP;

/// <summary>An API using the JwtBearer helper of IdentityHub.DPoP, as the sample API does (RFC 9449 §7).</summary>
public sealed class DPoPJwtBearerTests : IAsyncLifetime
{
    private const string Api = "http://localhost/api";
    private readonly RsaSecurityKey _issuerKey = new(RSA.Create(2048));
    private WebApplication? _api;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddDPoPProofValidation();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                IssuerSigningKey = _issuerKey,
                ValidateIssuer = false,
                ValidateAudience = false,
            };
            options.AcceptDPoP();
        });
        builder.Services.AddAuthorization();
        _api = builder.Build();
        _api.MapGet("/api", (HttpContext http) => http.User.FindFirst("sub")?.Value).RequireAuthorization();
        await _api.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_bound_token_with_its_proof_passes_and_without_it_is_refused_with_a_DPoP_challenge()
    {
        var key = DPoPKey.EC();
        var token = AccessToken(key.Thumbprint);

        var good = await GetAsync("DPoP", token, key.Proof("GET", Api, DateTimeOffset.UtcNow, accessToken: token));
        var asBearer = await GetAsync("Bearer", token, proof: null);
        var otherKey = await GetAsync("DPoP", token, DPoPKey.EC().Proof("GET", Api, DateTimeOffset.UtcNow, accessToken: token));

        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, asBearer.StatusCode);
        Assert.StartsWith("DPoP error=\"invalid_token\"", asBearer.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, otherKey.StatusCode);
        Assert.StartsWith("DPoP error=\"invalid_dpop_proof\"", otherKey.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unbound_token_still_works_as_a_bearer_token()
    {
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("Bearer", AccessToken(thumbprint: null), proof: null)).StatusCode);
    }

    private string AccessToken(string? thumbprint)
    {
        var claims = new Dictionary<string, object> { ["sub"] = "user-1" };
        if (thumbprint is not null)
        {
            claims["cnf"] = new Dictionary<string, object> { ["jkt"] = thumbprint };
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(_issuerKey, SecurityAlgorithms.RsaSha256),
        });
    }

    private async Task<HttpResponseMessage> GetAsync(string scheme, string token, string? proof)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Api);
        request.Headers.Authorization = new AuthenticationHeaderValue(scheme, token);
        if (proof is not null)
        {
            request.Headers.Add(DPoPErrors.ProofHeader, proof);
        }

        return await _api!.GetTestClient().SendAsync(request);
    }
}
