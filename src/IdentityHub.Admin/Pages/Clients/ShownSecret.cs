namespace IdentityHub.Admin.Pages.Clients;

/// <summary>
/// A secret shown once, in the answer to the post that made it: never in a redirect, a URL or TempData (the server
/// keeps only a hash, so nobody can show it again). <paramref name="Message"/> says what was done.
/// </summary>
public sealed record ShownSecret(string Message, string? Reference, string Label, string Value, string? ClientId = null);
