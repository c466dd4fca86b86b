using System.Security.Cryptography;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace IdentityHub.Server.Tests.Protocol;

/// <summary>
/// Client assertions as certified libraries send them (decision 0037): openid-client signs without a <c>typ</c>,
/// Microsoft's JWT handler writes the generic <c>JWT</c>. They are accepted when their audience is exactly the
/// issuer, and refused with any other audience or any other declared type.
/// </summary>
public sealed class GenericClientAssertionTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    private const string Issuer = RegisteredClients.Issuer;

    [Theory]
    [InlineData(null)]
    [InlineData("JWT")]
    [InlineData("client-authentication+jwt")]
    public async Task An_assertion_for_the_issuer_is_accepted_untyped_generic_or_explicit(string? type)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var clientId = (await app.RegisterKeyedClientAsync(key)).ClientId;

        (await app.ClientCredentialsAsync(clientId, Assertion(clientId, key, type, Issuer))).EnsureSuccess();
    }

    [Theory]
    [InlineData(null, "https://localhost/connect/token")]
    [InlineData("JWT", "https://localhost/connect/token")]
    [InlineData("JWT", "https://elsewhere.example/")]
    [InlineData("at+jwt", Issuer)]
    [InlineData("dpop+jwt", Issuer)]
    public async Task A_generic_assertion_for_another_audience_or_of_another_type_is_refused(string? type, string audience)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var clientId = (await app.RegisterKeyedClientAsync(key)).ClientId;

        Assert.Equal("invalid_client", (await app.ClientCredentialsAsync(clientId, Assertion(clientId, key, type, audience))).Error);
    }

    private string Assertion(string clientId, ECDsa key, string? type, string audience)
    {
        var token = app.Assertion(clientId, key, type ?? "JWT", audience);
        return type is null ? WithoutType(token, key) : token;
    }

    /// <summary>The same assertion signed again with a header of alg and kid only, as openid-client writes it.</summary>
    private static string WithoutType(string token, ECDsa key)
    {
        var payload = token.Split('.')[1];
        var header = Base64UrlEncoder.Encode("""{"alg":"ES256","kid":"k1"}""");
        var signature = key.SignData(System.Text.Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256);
        return $"{header}.{payload}.{Base64UrlEncoder.Encode(signature)}";
    }
}
