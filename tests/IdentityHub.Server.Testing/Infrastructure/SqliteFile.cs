namespace IdentityHub.Server.Tests.Infrastructure;

/// <summary>
/// A database file for the embedded SQLite provider (the default of <c>dotnet run</c>), deleted at the end.
/// Declare it before the app, so that the app is disposed first.
/// </summary>
public sealed class SqliteFile(string name) : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"identityhub-{name}-{Guid.NewGuid():N}.db");

    /// <summary>A server on this file (not pooled, so the file can be deleted once the app is gone).</summary>
    public IdentityHubApp NewApp() => new IdentityHubApp()
        .With("IdentityHub:Database:Provider", "Sqlite")
        .With("ConnectionStrings:IdentityHub", $"Data Source={Path};Pooling=False");

    public void Dispose() => File.Delete(Path);
}
