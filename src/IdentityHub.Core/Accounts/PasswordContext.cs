namespace IdentityHub.Core.Accounts;

/// <summary>What a password must not be or contain besides the common list.</summary>
/// <param name="UserName">The username chosen or held, when known.</param>
/// <param name="Email">The user's email address, when known; its local part is checked too.</param>
/// <param name="ServiceNames">Names of this service and plan, e.g. "IdentityHub", "health plan", a portal's display name.</param>
public sealed record PasswordContext(string? UserName, string? Email, IReadOnlyList<string> ServiceNames);
