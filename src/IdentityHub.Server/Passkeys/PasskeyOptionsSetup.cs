using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Passkeys;

/// <summary>
/// Configures Identity's WebAuthn ceremonies from <see cref="PasskeySettings"/>: the relying-party id and
/// the origins a passkey may be used from. Without settings both come from the request, which is right
/// when the browser talks to the server directly.
/// </summary>
public sealed class PasskeyOptionsSetup(IOptions<PasskeySettings> settings) : IConfigureOptions<IdentityPasskeyOptions>
{
    public void Configure(IdentityPasskeyOptions options)
    {
        var configured = settings.Value;
        if (!string.IsNullOrWhiteSpace(configured.ServerDomain))
        {
            options.ServerDomain = configured.ServerDomain.Trim();
        }

        // A passkey proves who the user is only if the user could see whom they were talking to.
        options.UserVerificationRequirement = "required";

        // Discoverable credentials are what make sign-in without a username possible.
        options.ResidentKeyRequirement = "required";

        var allowed = configured.AllowedOrigins
            .Select(Normalize)
            .Where(origin => origin is not null)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        options.ValidateOrigin = context =>
        {
            // Never inside another site's frame.
            if (context.CrossOrigin || Normalize(context.Origin) is not { } origin)
            {
                return ValueTask.FromResult(false);
            }

            var valid = allowed.Count > 0 ? allowed.Contains(origin) : string.Equals(origin, RequestOrigin(context.HttpContext), StringComparison.OrdinalIgnoreCase);
            return ValueTask.FromResult(valid);
        };
    }

    /// <summary>scheme://host[:port], lower-case, without a path or trailing slash; null when not an absolute http(s) URL.</summary>
    internal static string? Normalize(string? origin) =>
        Uri.TryCreate(origin?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant()
            : null;

    private static string? RequestOrigin(HttpContext http) => Normalize($"{http.Request.Scheme}://{http.Request.Host}");
}
