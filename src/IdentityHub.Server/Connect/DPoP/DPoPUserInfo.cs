using System.Security.Claims;
using IdentityHub.DPoP;
using OpenIddict.Server;
using Microsoft.AspNetCore;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdentityHub.Server.Connect.DPoP;

/// <summary>
/// The userinfo endpoint as a DPoP resource (RFC 9449 §7): a bound access token comes with the <c>DPoP</c> scheme
/// and a proof made by its key over this request and the token's hash; a bound token sent as a plain bearer token,
/// or an unbound one with the <c>DPoP</c> scheme, is refused with a <c>DPoP</c> challenge.
/// </summary>
public sealed class DPoPUserInfo(DPoPProofs proofs, DPoPNonces nonces)
{
    /// <summary>Null when the request may go on; otherwise the 401 answer.</summary>
    public async Task<IResult?> RefusalAsync(HttpContext http, ClaimsPrincipal principal, string? accessToken)
    {
        var thumbprint = DPoPJwtBearer.BoundThumbprint(principal.FindFirst(DPoPClaims.Confirmation)?.Value);
        var dpopScheme = IsDPoPScheme(http.Request);
        if (thumbprint is null)
        {
            return dpopScheme ? await RefuseAsync(http, "invalid_token", "The access token is not DPoP-bound; send it with the Bearer scheme.") : null;
        }

        if (!dpopScheme)
        {
            return await RefuseAsync(http, "invalid_token", "The access token is DPoP-bound; send it with the DPoP scheme and a DPoP proof.");
        }

        var result = await proofs.CheckAsync(http.Request, accessToken, thumbprint, http.RequestAborted);
        return result.Succeeded ? null : await RefuseAsync(http, result.Error!, result.ErrorDescription!);
    }

    public static bool IsDPoPScheme(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(DPoPErrors.Scheme + " ", StringComparison.OrdinalIgnoreCase);

    private async Task<IResult> RefuseAsync(HttpContext http, string error, string description)
    {
        http.Response.Headers.WWWAuthenticate = DPoPJwtBearer.Challenge(error, description);
        if (error == DPoPErrors.UseNonce)
        {
            http.Response.Headers[DPoPErrors.NonceHeader] = await nonces.CurrentAsync(http.RequestAborted);
        }

        return Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: StatusCodes.Status401Unauthorized);
    }
}

/// <summary>
/// Reads the access token of <c>Authorization: DPoP &lt;token&gt;</c> at the userinfo endpoint, where OpenIddict
/// reads only the <c>Bearer</c> scheme; the token is then validated as any other.
/// </summary>
public sealed class ExtractDPoPAccessToken : IOpenIddictServerHandler<ExtractUserInfoRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractUserInfoRequestContext>()
        .UseSingletonHandler<ExtractDPoPAccessToken>()
        .SetOrder(OpenIddictServerAspNetCoreHandlers.ExtractAccessToken<ExtractUserInfoRequestContext>.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ExtractUserInfoRequestContext context)
    {
        if (context.Transaction.GetHttpRequest() is { } request && context.Request is not null && DPoPUserInfo.IsDPoPScheme(request))
        {
            context.Request.AccessToken = request.Headers.Authorization.ToString()[(DPoPErrors.Scheme.Length + 1)..].Trim();
        }

        return default;
    }
}
