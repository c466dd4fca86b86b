namespace IdentityHub.Server.Hosting;

/// <summary>A setting that stops the server from starting; the message names the key to fix.</summary>
public sealed class StartupException(string message) : Exception(message);
