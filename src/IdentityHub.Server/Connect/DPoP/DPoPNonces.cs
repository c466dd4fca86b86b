using System.Buffers.Binary;
using System.Security.Cryptography;
using IdentityHub.DPoP;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace IdentityHub.Server.Connect.DPoP;

/// <summary>
/// Server nonces (RFC 9449 §8) that no node has to remember: a nonce is the number of the current time step
/// (<c>IdentityHub:DPoP:NonceLifetime</c>) with an HMAC of it under a secret every node shares
/// (<see cref="ServerSecrets"/>). A nonce of this step or the previous one is accepted, so each is good for at
/// least one lifetime and at most two, on any node.
/// </summary>
public sealed class DPoPNonces(ServerSecrets secrets, IOptionsMonitor<IdentityHubOptions> options, TimeProvider time) : IDPoPNonceValidator
{
    private const string SecretName = "dpop-nonce";
    private const int MacLength = 16;

    /// <summary>The nonce to hand out now (in a <c>DPoP-Nonce</c> header).</summary>
    public async Task<string> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var step = StepOf(time.GetUtcNow());
        return await MakeAsync(step, cancellationToken);
    }

    public async ValueTask<bool> IsValidAsync(string? nonce, CancellationToken cancellationToken)
    {
        if (nonce is not { Length: > 0 and <= 64 })
        {
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Base64UrlEncoder.DecodeBytes(nonce);
        }
        catch (FormatException)
        {
            return false;
        }

        if (bytes.Length != sizeof(long) + MacLength)
        {
            return false;
        }

        var step = BinaryPrimitives.ReadInt64BigEndian(bytes);
        var current = StepOf(time.GetUtcNow());
        if (step != current && step != current - 1)
        {
            return false;
        }

        var expected = Base64UrlEncoder.DecodeBytes(await MakeAsync(step, cancellationToken));
        return CryptographicOperations.FixedTimeEquals(bytes, expected);
    }

    private long StepOf(DateTimeOffset now) =>
        now.ToUnixTimeSeconds() / Math.Max(1, (long)options.CurrentValue.DPoP.NonceLifetime.TotalSeconds);

    private async Task<string> MakeAsync(long step, CancellationToken cancellationToken)
    {
        var secret = await secrets.GetAsync(SecretName, cancellationToken);
        var bytes = new byte[sizeof(long) + MacLength];
        BinaryPrimitives.WriteInt64BigEndian(bytes, step);
        HMACSHA256.HashData(secret, bytes.AsSpan(0, sizeof(long)))[..MacLength].CopyTo(bytes, sizeof(long));
        return Base64UrlEncoder.Encode(bytes);
    }
}
