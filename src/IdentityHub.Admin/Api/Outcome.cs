namespace IdentityHub.Admin.Api;

/// <summary>
/// What a change answers: the resource as it is now, the reference number of its audit record (a caller
/// can read it out to the help desk), and a warning to show when it was done but something needs attention.
/// </summary>
public sealed record Outcome<T>(T Value, string? Reference, string? Warning);
