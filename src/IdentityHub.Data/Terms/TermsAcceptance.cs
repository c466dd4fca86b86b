namespace IdentityHub.Data.Terms;

/// <summary>A user's acceptance of one version, signed by typing their first and last name (A5).</summary>
public class TermsAcceptance
{
    public string Id { get; set; } = Guid.CreateVersion7().ToString("N");

    public required string UserId { get; set; }

    public required string TermsVersionId { get; set; }

    public required string TypedName { get; set; }

    public DateTimeOffset AcceptedAt { get; set; }

    public string? IpAddress { get; set; }
}
