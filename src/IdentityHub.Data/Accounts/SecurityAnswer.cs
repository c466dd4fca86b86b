namespace IdentityHub.Data.Accounts;

/// <summary>
/// One of a user's answers to a security question (A7/A8, legacy option). Only a salted hash of the
/// normalised answer is kept; the question's text is kept as it was shown, so that changing the
/// configured list never leaves a user with a question they did not choose.
/// </summary>
public class SecurityAnswer
{
    public string Id { get; set; } = Guid.CreateVersion7().ToString("N");

    public required string UserId { get; set; }

    /// <summary>The key of the question in the configured list.</summary>
    public required string QuestionId { get; set; }

    public required string Question { get; set; }

    public required string Hash { get; set; }

    public required string Salt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
