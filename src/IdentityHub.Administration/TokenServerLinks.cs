using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace IdentityHub.Administration;

/// <summary>
/// The token server's pages that emails link to (an invitation, a password reset an administrator started).
/// Both hosts read the same key, <c>IdentityHub:Issuer</c>, the token server's public address; the admin
/// host requires it, and the token server falls back to the address of the request being served.
/// </summary>
public sealed class TokenServerLinks(IConfiguration configuration, IHttpContextAccessor http)
{
    public const string IssuerKey = "IdentityHub:Issuer";

    /// <summary>Where an invitee chooses a username and password (D5).</summary>
    public const string InvitationPath = "/Account/Invitation";

    /// <summary>Where a person whose administrator started a reset chooses a new password (D6).</summary>
    public const string PasswordChoicePath = "/Account/Password/Choose";

    /// <summary>The name of the query parameter that carries a link's single-use secret.</summary>
    public const string SecretParameter = "code";

    public Uri Invitation(string secret) => To(InvitationPath, secret);

    public Uri PasswordChoice(string secret) => To(PasswordChoicePath, secret);

    /// <summary>The token server's base address, ending in a slash.</summary>
    public Uri Base
    {
        get
        {
            if (configuration[IssuerKey] is { Length: > 0 } issuer && Uri.TryCreate(issuer, UriKind.Absolute, out var configured))
            {
                return configured.AbsoluteUri.EndsWith('/') ? configured : new Uri(configured.AbsoluteUri + "/");
            }

            var request = http.HttpContext?.Request
                ?? throw new InvalidOperationException($"Set {IssuerKey} to the token server's public address (for example https://login.example-plan.com/).");
            return new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
        }
    }

    private Uri To(string path, string secret) =>
        new(Base, $"{path.TrimStart('/')}?{SecretParameter}={Uri.EscapeDataString(secret)}");
}
