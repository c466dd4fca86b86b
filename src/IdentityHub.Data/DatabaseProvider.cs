namespace IdentityHub.Data;

/// <summary>Where the token server keeps its data.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded file, the default for <c>dotnet run</c> and demos.</summary>
    Sqlite,

    /// <summary>PostgreSQL, for production and for several nodes behind a load balancer.</summary>
    Postgres,
}
