namespace IdentityHub.Server.Passkeys;

/// <summary>
/// Settings under <c>IdentityHub:Passkeys</c>. Behind a proxy the browser sees another host name than
/// the server does, and a passkey is bound to the name the browser saw: set both then.
/// </summary>
public sealed class PasskeySettings
{
    public const string Section = "IdentityHub:Passkeys";

    /// <summary>The relying-party id (a host name such as <c>login.healthplan.example</c>); empty = the request's host.</summary>
    public string? ServerDomain { get; set; }

    /// <summary>The origins (<c>https://login.healthplan.example</c>) browsers may use passkeys from; empty = the request's own origin.</summary>
    public List<string> AllowedOrigins { get; set; } = [];
}
