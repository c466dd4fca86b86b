namespace IdentityHub.Data.Terms;

/// <summary>One published version of the terms and conditions (A5). The newest must be accepted.</summary>
public class TermsVersion
{
    public string Id { get; set; } = Guid.CreateVersion7().ToString("N");

    /// <summary>What users and the audit see, e.g. "2026-11".</summary>
    public required string Version { get; set; }

    public required string Title { get; set; }

    public required string Text { get; set; }

    public DateTimeOffset PublishedAt { get; set; }
}
