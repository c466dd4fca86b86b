using System.Buffers;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdentityHub.Server.Connect;

/// <summary>
/// Refuses a <c>code_challenge</c> that no verifier can ever match: an S256 challenge is the base64url
/// SHA-256 of the verifier, so anything but 43 to 128 characters of the base64url alphabet (RFC 7636
/// §4.1-4.2) is a broken client. Without this check the request succeeds and yields a code that can
/// never be redeemed.
/// </summary>
public sealed class CodeChallengeFormat : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>
{
    public const string Description = "The 'code_challenge' parameter must be 43 to 128 characters of the base64url alphabet (A-Z, a-z, 0-9, '-', '_').";

    private static readonly SearchValues<char> Base64Url = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
        .UseSingletonHandler<CodeChallengeFormat>()
        .SetOrder(OpenIddictServerHandlers.Authentication.ValidateProofKeyForCodeExchangeRequirement.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        if (context.Request.CodeChallenge is { } challenge && !IsWellFormed(challenge))
        {
            context.Reject(Errors.InvalidRequest, Description);
        }

        return default;
    }

    public static bool IsWellFormed(string challenge) =>
        challenge.Length is >= 43 and <= 128 && !challenge.AsSpan().ContainsAnyExcept(Base64Url);
}
