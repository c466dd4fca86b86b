namespace IdentityHub.Hosting;

/// <summary>A setting that stops a host (the token server or the admin host) from starting; the message names the key to fix.</summary>
public sealed class StartupException(string message) : Exception(message);
