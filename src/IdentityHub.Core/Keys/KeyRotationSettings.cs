namespace IdentityHub.Core.Keys;

/// <summary>The timing rules of key rotation.</summary>
/// <param name="RotationInterval">How long one key signs before the next takes over.</param>
/// <param name="PublishAhead">How long a new key is published in JWKS before it signs anything,
/// so that relying parties that cache JWKS already know it.</param>
/// <param name="RetainAfterRetirement">How long a retired key stays published: at least the longest
/// lifetime of a token it may have signed or encrypted.</param>
public sealed record KeyRotationSettings(TimeSpan RotationInterval, TimeSpan PublishAhead, TimeSpan RetainAfterRetirement);
