namespace IdentityHub.Hosting;

/// <summary><c>IdentityHub:Hsts</c>: the Strict-Transport-Security header sent on HTTPS outside Development.</summary>
public sealed class HstsSettings
{
    /// <summary>How long browsers insist on HTTPS for this host after seeing the header.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Whether the rule covers the host's subdomains too.</summary>
    public bool IncludeSubDomains { get; set; } = true;
}
