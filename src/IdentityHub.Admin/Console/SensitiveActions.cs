using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace IdentityHub.Admin.Console;

/// <summary>
/// The one rule for sensitive actions in the console (changing a role, approving or rejecting a registration
/// request, registering an organization, turning an account off, resetting its MFA, ending its sessions): the sign-in behind
/// the console session used a passkey (phishing-resistant, <c>hwk</c> or <c>swk</c> in its <c>amr</c>), or it
/// is younger than <see cref="ConsoleOptions.FreshSignIn"/> (from <c>auth_time</c>). Otherwise the person
/// signs in again at the token server (<c>prompt=login</c>) and comes back to the page they were on.
/// </summary>
public sealed class SensitiveActions(IOptionsMonitor<ConsoleOptions> options, TimeProvider time)
{
    public const string AuthenticationTime = "auth_time";
    public const string AuthenticationMethods = "amr";

    /// <summary>Whether the signed-in person may take a sensitive action now, without signing in again.</summary>
    public bool Allow(ClaimsPrincipal user) => SignedInWithPasskey(user) || SignedInWithin(user, options.CurrentValue.FreshSignIn);

    /// <summary>The sign-in used a passkey, which phishing cannot replay.</summary>
    public static bool SignedInWithPasskey(ClaimsPrincipal user) =>
        MethodsOf(user).Any(method => method is Core.Assurance.AuthenticationMethods.HardwareKey or Core.Assurance.AuthenticationMethods.SoftwareKey);

    /// <summary>The sign-in happened at most <paramref name="window"/> ago (a sign-in time in the future counts as none).</summary>
    public bool SignedInWithin(ClaimsPrincipal user, TimeSpan window)
    {
        if (!long.TryParse(user.FindFirst(AuthenticationTime)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        return age >= TimeSpan.FromMinutes(-5) && age <= window;
    }

    /// <summary>
    /// Sends the person to sign in again (<c>prompt=login</c>: the token server asks for the password and second factor
    /// even with a session), then back to <paramref name="returnUrl"/> (a local path of the console). Not max_age=0: the
    /// token server compares the sign-in time it stored with the clock, and any rounding would make it ask forever.
    /// </summary>
    public static Microsoft.AspNetCore.Mvc.IActionResult SignInAgain(string returnUrl) =>
        new Microsoft.AspNetCore.Mvc.ChallengeResult(
            ConsoleSignIn.OpenIdConnectScheme,
            new OpenIdConnectChallengeProperties { RedirectUri = returnUrl, Prompt = "login" });

    /// <summary>The amr values: one claim each, or one claim holding the JSON array, as the token handler gave them.</summary>
    private static IEnumerable<string> MethodsOf(ClaimsPrincipal user)
    {
        foreach (var claim in user.FindAll(AuthenticationMethods))
        {
            if (claim.Value.StartsWith('['))
            {
                string[]? values;
                try
                {
                    values = JsonSerializer.Deserialize<string[]>(claim.Value);
                }
                catch (JsonException)
                {
                    values = null;
                }

                foreach (var value in values ?? [])
                {
                    yield return value;
                }
            }
            else
            {
                yield return claim.Value;
            }
        }
    }
}
