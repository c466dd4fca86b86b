using System.Security.Cryptography;
using IdentityHub.DPoP;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IdentityHub.Server.Tests.DPoP;

/// <summary>The proof validator resource servers and the token server share (IdentityHub.DPoP).</summary>
public sealed class DPoPProofValidatorTests
{
    private const string Api = "https://api.test/claims";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly DPoPProofValidator _validator;

    public DPoPProofValidatorTests() =>
        _validator = new DPoPProofValidator(new DPoPValidationOptions(), new InMemoryDPoPReplayCache(_clock), _clock);

    [Fact]
    public async Task A_good_proof_for_a_bound_token_passes_and_names_the_keys_thumbprint()
    {
        var key = DPoPKey.EC();

        var result = await ValidateAsync(key.Proof("GET", Api + "?page=2", Now, accessToken: "token"), key.Thumbprint);

        Assert.True(result.Succeeded, result.ErrorDescription);
        Assert.Equal(key.Thumbprint, result.Thumbprint);
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("PS256")]
    public async Task RSA_keys_pass(string algorithm)
    {
        var key = DPoPKey.Rsa(algorithm);

        Assert.True((await ValidateAsync(key.Proof("GET", Api, Now, accessToken: "token"), key.Thumbprint)).Succeeded);
    }

    [Fact]
    public async Task A_proof_seen_before_is_a_replay_until_it_would_be_too_old_anyway()
    {
        var key = DPoPKey.EC();
        var proof = key.Proof("GET", Api, Now, accessToken: "token");
        Assert.True((await ValidateAsync(proof, key.Thumbprint)).Succeeded);

        var replay = await ValidateAsync(proof, key.Thumbprint);
        _clock.Advance(TimeSpan.FromMinutes(6));
        var late = await ValidateAsync(proof, key.Thumbprint);

        Assert.Contains("used before", replay.ErrorDescription, StringComparison.Ordinal);
        Assert.Contains("'iat'", late.ErrorDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proof_by_another_key_than_the_tokens_fails()
    {
        var result = await ValidateAsync(DPoPKey.EC().Proof("GET", Api, Now, accessToken: "token"), DPoPKey.EC().Thumbprint);

        Assert.Equal(DPoPErrors.InvalidProof, result.Error);
    }

    [Fact]
    public async Task A_proof_without_the_tokens_hash_fails()
    {
        var key = DPoPKey.EC();

        var missing = await ValidateAsync(key.Proof("GET", Api, Now), key.Thumbprint);
        var wrong = await ValidateAsync(key.Proof("GET", Api, Now, accessToken: "other"), key.Thumbprint);

        Assert.Contains("'ath'", missing.ErrorDescription, StringComparison.Ordinal);
        Assert.Contains("'ath'", wrong.ErrorDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proof_with_another_type_fails()
    {
        var key = DPoPKey.EC();

        var result = await ValidateAsync(key.Proof("GET", Api, Now, accessToken: "token", type: "JWT"), key.Thumbprint);

        Assert.Contains("'typ'", result.ErrorDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_key_in_the_header_fails()
    {
        var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = DPoPKey.EC();
        var jwk = key.PublicJwkMembers();
        jwk["d"] = Base64UrlEncoder.Encode(ec.ExportParameters(true).D!);

        var result = await ValidateAsync(key.Proof("GET", Api, Now, accessToken: "token", jwk: jwk), key.Thumbprint);

        Assert.Contains("public key only", result.ErrorDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proof_whose_signature_is_not_the_header_keys_fails()
    {
        var signer = DPoPKey.EC();
        var claimed = DPoPKey.EC();

        var result = await ValidateAsync(signer.Proof("GET", Api, Now, accessToken: "token", jwk: claimed.PublicJwkMembers()), claimed.Thumbprint);

        Assert.Contains("signature", result.ErrorDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Symmetric_and_unsigned_proofs_fail()
    {
        var secret = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
        var hmac = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            TokenType = DPoPErrors.ProofType,
            Claims = new Dictionary<string, object> { ["jti"] = "1", ["htm"] = "GET", ["htu"] = Api, ["iat"] = Now.ToUnixTimeSeconds() },
            AdditionalHeaderClaims = new Dictionary<string, object> { ["jwk"] = new Dictionary<string, object> { ["kty"] = "oct", ["k"] = Base64UrlEncoder.Encode(secret.Key) } },
            SigningCredentials = new SigningCredentials(secret, SecurityAlgorithms.HmacSha256),
        });
        var key = DPoPKey.EC();
        var unsigned = string.Join('.', key.Proof("GET", Api, Now, accessToken: "token").Split('.')[..2]) + ".";

        Assert.Equal(DPoPErrors.InvalidProof, (await ValidateAsync(hmac, null)).Error);
        Assert.Equal(DPoPErrors.InvalidProof, (await ValidateAsync(unsigned, key.Thumbprint)).Error);
        Assert.Equal(DPoPErrors.InvalidProof, (await ValidateAsync(null, key.Thumbprint)).Error);
    }

    [Fact]
    public async Task A_nonce_the_server_does_not_accept_asks_for_one()
    {
        var validator = new DPoPProofValidator(new DPoPValidationOptions(), new InMemoryDPoPReplayCache(_clock), _clock, new OneNonce("n-1"));
        var key = DPoPKey.EC();

        var without = await validator.ValidateAsync(new DPoPProofRequest(key.Proof("GET", Api, Now), "GET", new Uri(Api)));
        var with = await validator.ValidateAsync(new DPoPProofRequest(key.Proof("GET", Api, Now, nonce: "n-1"), "GET", new Uri(Api)));

        Assert.Equal(DPoPErrors.UseNonce, without.Error);
        Assert.True(with.Succeeded, with.ErrorDescription);
    }

    [Fact]
    public void The_confirmation_claim_is_read_leniently()
    {
        Assert.Equal("abc", DPoPJwtBearer.BoundThumbprint("""{"jkt":"abc"}"""));
        Assert.Null(DPoPJwtBearer.BoundThumbprint("not json"));
        Assert.Null(DPoPJwtBearer.BoundThumbprint("""{"x5t#S256":"abc"}"""));
    }

    private DateTimeOffset Now => _clock.GetUtcNow();

    private Task<DPoPProofResult> ValidateAsync(string? proof, string? thumbprint) =>
        _validator.ValidateAsync(new DPoPProofRequest(proof, "GET", new Uri(Api + "?page=2")) { AccessToken = "token", ExpectedThumbprint = thumbprint });

    private sealed class OneNonce(string nonce) : IDPoPNonceValidator
    {
        public ValueTask<bool> IsValidAsync(string? value, CancellationToken cancellationToken) => ValueTask.FromResult(value == nonce);
    }
}
