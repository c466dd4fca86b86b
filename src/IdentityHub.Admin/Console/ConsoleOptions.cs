namespace IdentityHub.Admin.Console;

/// <summary>The console's settings, under <c>IdentityHub:Admin:Console</c>; it signs in through the token server at <c>IdentityHub:Issuer</c>.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "IdentityHub:Admin:Console";

    /// <summary>The console's client id at the token server (a registered client with the identityhub.admin scope).</summary>
    public string ClientId { get; set; } = "admin-console";

    /// <summary>Optional: the console signs in as a public client with PKCE unless the token server gave it a secret.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// How recent a sign-in must be for a sensitive action (changing roles, deciding registrations,
    /// registering organizations, turning accounts off, resetting second factors, signing people out everywhere)
    /// when it was not made with a passkey; older ones sign in again first.
    /// </summary>
    public TimeSpan FreshSignIn { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the console session lasts without a request (it slides with each one).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
}
