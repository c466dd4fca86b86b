namespace IdentityHub.Core.Keys;

/// <summary>
/// When one key is published, used and withdrawn. A key is published (in JWKS) from
/// <see cref="PublishedAt"/>, used to sign from <see cref="ActivatesAt"/> until <see cref="RetiresAt"/>,
/// and kept published until <see cref="ExpiresAt"/> so that tokens it signed still validate.
/// </summary>
public sealed record KeySchedule(
    string KeyId,
    KeyUse Use,
    DateTimeOffset PublishedAt,
    DateTimeOffset ActivatesAt,
    DateTimeOffset RetiresAt,
    DateTimeOffset ExpiresAt)
{
    public bool IsPublishedAt(DateTimeOffset now) => PublishedAt <= now && now < ExpiresAt;

    public bool IsActiveAt(DateTimeOffset now) => ActivatesAt <= now && now < RetiresAt;
}
