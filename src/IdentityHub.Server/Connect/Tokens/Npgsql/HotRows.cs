using OpenIddict.EntityFrameworkCore.Models;

namespace IdentityHub.Server.Connect.Tokens.Npgsql;

/// <summary>
/// One request's token and authorization rows read or written by the Npgsql stores, so that OpenIddict finds
/// the same object each time it asks within the request (as EF Core's change tracker would give it), and so that
/// a token's authorization, read with the token in one query, needs no query of its own. Entities that EF Core
/// tracks (read by the cold paths, such as listing a person's apps) are not here and go through EF Core.
/// </summary>
public sealed class HotRows
{
    private readonly Dictionary<string, OpenIddictEntityFrameworkCoreToken> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OpenIddictEntityFrameworkCoreAuthorization> _authorizations = new(StringComparer.Ordinal);
    private readonly HashSet<object> _owned = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<OpenIddictEntityFrameworkCoreToken> _unsaved = new(ReferenceEqualityComparer.Instance);

    /// <summary>True for an entity these stores made or read: its writes go to Npgsql, not to EF Core.</summary>
    public bool Owns(object entity) => _owned.Contains(entity);

    public void Own(object entity) => _owned.Add(entity);

    public OpenIddictEntityFrameworkCoreToken? Token(string id) => _tokens.GetValueOrDefault(id);

    public OpenIddictEntityFrameworkCoreToken? TokenByReference(string referenceId) =>
        _tokens.Values.FirstOrDefault(token => string.Equals(token.ReferenceId, referenceId, StringComparison.Ordinal));

    public OpenIddictEntityFrameworkCoreAuthorization? Authorization(string id) => _authorizations.GetValueOrDefault(id);

    public void Remember(OpenIddictEntityFrameworkCoreToken token)
    {
        _owned.Add(token);
        _tokens[token.Id!] = token;
    }

    public void Remember(OpenIddictEntityFrameworkCoreAuthorization authorization)
    {
        _owned.Add(authorization);
        _authorizations[authorization.Id!] = authorization;
    }

    public void Forget(OpenIddictEntityFrameworkCoreToken token)
    {
        _tokens.Remove(token.Id!);
        _unsaved.Remove(token);
    }

    public void Forget(OpenIddictEntityFrameworkCoreAuthorization authorization) => _authorizations.Remove(authorization.Id!);

    /// <summary>An authorization code created but not inserted yet: it goes in with its payload (see NpgsqlTokenStore).</summary>
    public void HoldUntilPayload(OpenIddictEntityFrameworkCoreToken token) => _unsaved.Add(token);

    public bool IsUnsaved(OpenIddictEntityFrameworkCoreToken token) => _unsaved.Contains(token);

    public void Saved(OpenIddictEntityFrameworkCoreToken token) => _unsaved.Remove(token);
}
