namespace IdentityHub.Data.Secrets;

/// <summary>
/// A random secret the server made for itself on first use and shares with every node through the
/// database (for example the key that picks stand-in security questions for unknown accounts).
/// The value is protected with Data Protection.
/// </summary>
public class ServerSecret
{
    public required string Name { get; set; }

    public required string ProtectedValue { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
