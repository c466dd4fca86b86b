using System.Text.Json;
using IdentityHub.Server.SignIn;
using Microsoft.AspNetCore.DataProtection;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Server.Connect;

/// <summary>
/// Pushed authorization requests (PAR, RFC 9126, decision 0036). The browser's authorization URL then holds only
/// <c>client_id</c> and <c>request_uri</c>; OpenIddict restores the pushed parameters each time that URL reaches the
/// authorization endpoint. The pages in between (sign-in, codes, consent, profile choice, step-up) cannot see them,
/// so the endpoint adds to its return URL, under <see cref="Parameter"/>, the few parameters they read (scope,
/// acr_values, login_hint) and the prompt values still to honour, protected with Data Protection and bound to the
/// request_uri. The portal cannot set them and a page cannot alter them; the endpoint still trusts only OpenIddict's
/// validated request for everything else.
/// </summary>
public sealed class PushedRequests(IDataProtectionProvider protection)
{
    /// <summary>The return URL's parameter holding the protected pushed parameters.</summary>
    public const string Parameter = "ih_pushed";

    private static readonly string[] Carried = [Parameters.Scope, Parameters.AcrValues, Parameters.LoginHint];

    private readonly IDataProtector _protector = protection.CreateProtector("IdentityHub.Connect.PushedRequests");

    /// <summary>The protected value for <see cref="Parameter"/>: the request's parameters the pages read and the prompts left.</summary>
    public string Protect(string requestUri, OpenIddict.Abstractions.OpenIddictRequest request, IEnumerable<string> prompts)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { [Parameters.RequestUri] = requestUri };
        foreach (var name in Carried)
        {
            if ((string?)request[name] is { Length: > 0 } value)
            {
                values[name] = value;
            }
        }

        values[Parameters.Prompt] = string.Join(' ', prompts);
        return _protector.Protect(JsonSerializer.Serialize(values));
    }

    /// <summary>
    /// The prompt values still to honour for a pushed request that came back through a page (login, consent and
    /// select_account are dropped once honoured, or the request would loop); null when it did not come back that way.
    /// </summary>
    public IReadOnlyList<string>? PromptsLeft(string? requestUri, string? carried) =>
        Read(requestUri, carried) is { } values
            ? values.GetValueOrDefault(Parameters.Prompt, "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : null;

    /// <summary>
    /// A parameter of the authorization request a return URL points at: from the URL itself, or for a pushed request
    /// from its protected parameters. Null when the URL is not a local authorization request or lacks it.
    /// </summary>
    public string? Of(string? returnUrl, string name)
    {
        var requestUri = ReturnUrls.AuthorizationParameter(returnUrl, Parameters.RequestUri);
        if (requestUri is null)
        {
            return ReturnUrls.AuthorizationParameter(returnUrl, name);
        }

        return name is Parameters.ClientId or Parameters.RequestUri
            ? ReturnUrls.AuthorizationParameter(returnUrl, name)
            : Read(requestUri, ReturnUrls.AuthorizationParameter(returnUrl, Parameter))?.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;
    }

    private Dictionary<string, string>? Read(string? requestUri, string? carried)
    {
        if (string.IsNullOrEmpty(requestUri) || string.IsNullOrEmpty(carried))
        {
            return null;
        }

        try
        {
            var values = JsonSerializer.Deserialize<Dictionary<string, string>>(_protector.Unprotect(carried));
            // Bound to its request: a value copied onto another request_uri is ignored.
            return values is not null && values.GetValueOrDefault(Parameters.RequestUri) == requestUri ? values : null;
        }
        catch (Exception exception) when (exception is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
