namespace IdentityHub.Data.Clients;

/// <summary>
/// A token a platform administrator issues so that an integrator can register clients itself through dynamic
/// client registration (RFC 7591 §3): single or multiple use, with an expiry and the policy that registrations
/// made with it must fit. Only a SHA-256 hash of the token is stored.
/// </summary>
public class InitialAccessToken
{
    /// <summary>Random, 32 hex characters.</summary>
    public required string Id { get; set; }

    /// <summary>SHA-256 of the token, base64url.</summary>
    public required string TokenHash { get; set; }

    /// <summary>What the token is for, in the administrator's words ("Acme billing app, sandbox").</summary>
    public required string Description { get; set; }

    /// <summary>The organization whose integrators the registrations belong to, if any.</summary>
    public string? OrganizationId { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>How many registrations it allows; null: any number until it expires.</summary>
    public int? MaxUses { get; set; }

    public int Uses { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>The registration policy as JSON: allowed grant types, redirect URI hosts, scopes, consent.</summary>
    public required string Policy { get; set; }
}
