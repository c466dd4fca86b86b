using System.Text.Json;
using IdentityHub.Core.Organizations;
using IdentityHub.Core.Secrets;
using IdentityHub.Core.Smart;
using IdentityHub.Data;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;

namespace IdentityHub.Administration.Clients;

/// <summary>
/// Registered clients (P6, P7), managed by the plan's platform administrators through the admin API and console:
/// stored in the database through OpenIddict's manager, effective on every node within the client cache lifetime.
/// Secrets are generated here, returned once and stored hashed; a rotation keeps the old one valid for an overlap.
/// </summary>
public sealed class ClientRegistry(
    IOpenIddictApplicationManager applications,
    IdentityHubDbContext db,
    AdminAudit audit,
    TimeProvider time)
{
    internal const string PlatformOnly = "Only the plan's platform administrators register and change clients.";
    private const string OriginProperty = "identityhub_origin";
    private static readonly TimeSpan LongestOverlap = TimeSpan.FromDays(30);

    public async Task<IReadOnlyList<ClientSummary>> ListAsync(AdminCaller caller, CancellationToken cancellationToken = default)
    {
        if (!caller.Role.IsPlatformStaff())
        {
            return [];
        }

        var list = new List<ClientSummary>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken))
        {
            var view = await ViewAsync(application, cancellationToken);
            list.Add(new ClientSummary(view.ClientId, view.Metadata.ClientName ?? view.ClientId, view.Metadata.TokenEndpointAuthMethod!, view.Metadata.GrantTypes ?? [], view.RegisteredBy));
        }

        return [.. list.OrderBy(client => client.ClientName, StringComparer.CurrentCultureIgnoreCase)];
    }

    public async Task<ClientView?> FindAsync(AdminCaller caller, string clientId, CancellationToken cancellationToken = default) =>
        caller.Role.IsPlatformStaff() && await FindApplicationAsync(clientId, cancellationToken) is { } application
            ? await ViewAsync(application, cancellationToken)
            : null;

    /// <summary>Registers a client; its id is generated unless <paramref name="clientId"/> names a free one.</summary>
    public async Task<AdminResult<ClientView>> CreateAsync(AdminCaller caller, ClientMetadata metadata, string? clientId = null, CancellationToken cancellationToken = default)
    {
        if (!caller.IsPlatformAdministrator)
        {
            return new AdminResult<ClientView>.Forbidden(PlatformOnly);
        }

        var problems = new FieldProblems();
        var id = string.IsNullOrWhiteSpace(clientId) ? NewClientId() : problems.Text("client_id", clientId, "client id", 100);
        if (id.Length > 0 && (!ClientIds.IsPlausible(id) || await applications.FindByClientIdAsync(id, cancellationToken) is not null))
        {
            problems.Add("client_id", $"'{id}' is taken or has characters a client id cannot have (printable ASCII, no spaces).");
        }

        var definition = ClientMetadataRules.Check(metadata, await ApiScopesAsync(cancellationToken), problems, id, await SmartScopesAsync(cancellationToken));
        if (definition is null || problems.Any)
        {
            return new AdminResult<ClientView>.Invalid(problems.ToDictionary());
        }

        var (created, secret) = await RegisterAsync(id, definition, ClientOrigins.Administrator, bookkeeping: null, cancellationToken);
        var reference = audit.Add(caller, "client.created", null, null, $"{id} ({definition.DisplayName}); {definition.AuthMethod}; {string.Join(' ', definition.GrantTypes)}");
        await db.SaveChangesAsync(cancellationToken);
        return new AdminResult<ClientView>.Done((await ViewAsync(created, cancellationToken)) with { ClientSecret = secret }, Reference: reference);
    }

    /// <summary>Creates the application; returns the secret generated for a client that uses one. Used by dynamic registration too.</summary>
    public async Task<(object Application, string? Secret)> RegisterAsync(
        string clientId, ClientDefinition definition, string origin, Action<OpenIddictApplicationDescriptor>? bookkeeping, CancellationToken cancellationToken)
    {
        var secret = ClientAuthMethods.UsesSecret(definition.AuthMethod) ? NewSecret() : null;
        var descriptor = ClientDescriptors.Describe(clientId, definition, secret);
        descriptor.Properties[OriginProperty] = JsonSerializer.SerializeToElement(origin);
        bookkeeping?.Invoke(descriptor);
        return (await applications.CreateAsync(descriptor, cancellationToken), secret);
    }

    /// <summary>Replaces a client's registration (send every field: what is left out returns to its default).</summary>
    public async Task<AdminResult<ClientView>> UpdateAsync(AdminCaller caller, string clientId, string version, ClientMetadata metadata, CancellationToken cancellationToken = default)
    {
        var (application, refusal) = await ChangeableAsync(caller, clientId, version, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var problems = new FieldProblems();
        var definition = ClientMetadataRules.Check(metadata, await ApiScopesAsync(cancellationToken), problems, clientId, await SmartScopesAsync(cancellationToken));
        if (definition is null)
        {
            return new AdminResult<ClientView>.Invalid(problems.ToDictionary());
        }

        var secret = await ReplaceAsync(application, definition, cancellationToken);
        var reference = audit.Add(caller, "client.updated", null, null, $"{clientId} ({definition.DisplayName}); {definition.AuthMethod}; {string.Join(' ', definition.GrantTypes)}");
        await db.SaveChangesAsync(cancellationToken);
        return new AdminResult<ClientView>.Done((await ViewAsync(application, cancellationToken)) with { ClientSecret = secret }, Reference: reference);
    }

    /// <summary>
    /// Writes a new definition over a stored client, keeping its secret (and IdentityHub's bookkeeping); a client
    /// that starts using a secret gets a new one, returned. Used by dynamic registration's updates too.
    /// </summary>
    public async Task<string?> ReplaceAsync(object application, ClientDefinition definition, CancellationToken cancellationToken)
    {
        var stored = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(stored, application, cancellationToken);
        var keepSecret = ClientAuthMethods.UsesSecret(definition.AuthMethod) && !string.IsNullOrEmpty(stored.ClientSecret);
        var secret = ClientAuthMethods.UsesSecret(definition.AuthMethod) && !keepSecret ? NewSecret() : null;
        var descriptor = ClientDescriptors.Describe(stored.ClientId!, definition, keepSecret ? stored.ClientSecret : secret);
        ClientDescriptors.KeepBookkeeping(stored, descriptor);
        if (stored.Properties.TryGetValue(OriginProperty, out var origin))
        {
            descriptor.Properties[OriginProperty] = origin;
        }

        await applications.UpdateAsync(application, descriptor, cancellationToken);
        return secret;
    }

    public async Task<AdminResult<ClientView>> DeleteAsync(AdminCaller caller, string clientId, string version, CancellationToken cancellationToken = default)
    {
        var (application, refusal) = await ChangeableAsync(caller, clientId, version, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var view = await ViewAsync(application, cancellationToken);
        await applications.DeleteAsync(application, cancellationToken);
        var reference = audit.Add(caller, "client.deleted", null, null, $"{clientId} ({view.Metadata.ClientName})");
        await db.SaveChangesAsync(cancellationToken);
        return new AdminResult<ClientView>.Done(view, Reference: reference);
    }

    /// <summary>
    /// Issues a new secret, returned once; the one it replaces keeps working for <paramref name="overlap"/> (at most
    /// 30 days) so the portal can be redeployed without an outage. Zero ends the old secret at once.
    /// </summary>
    public async Task<AdminResult<ClientView>> RotateSecretAsync(AdminCaller caller, string clientId, TimeSpan overlap, CancellationToken cancellationToken = default)
    {
        var (application, refusal) = await ChangeableAsync(caller, clientId, version: null, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (overlap < TimeSpan.Zero || overlap > LongestOverlap)
        {
            return new AdminResult<ClientView>.Invalid(new Dictionary<string, string[]> { ["overlap_seconds"] = ["The overlap is in seconds, from 0 to 2592000 (30 days)."] });
        }

        var stored = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(stored, application, cancellationToken);
        if (string.IsNullOrEmpty(stored.ClientSecret))
        {
            return new AdminResult<ClientView>.Invalid(new Dictionary<string, string[]> { ["client_id"] = ["This client does not use a secret (it is public or uses private_key_jwt)."] });
        }

        var until = time.GetUtcNow() + overlap;
        stored.Properties[ClientDescriptors.PreviousSecretProperty] = new PreviousSecret(stored.ClientSecret, until.ToUnixTimeSeconds()).ToJson();
        var secret = NewSecret();
        stored.ClientSecret = secret;
        await applications.UpdateAsync(application, stored, cancellationToken);
        var reference = audit.Add(caller, "client.secret_rotated", null, null, $"{clientId}; the previous secret works until {until:u}");
        await db.SaveChangesAsync(cancellationToken);
        return new AdminResult<ClientView>.Done((await ViewAsync(application, cancellationToken)) with { ClientSecret = secret }, Reference: reference);
    }

    /// <summary>The API scopes the token server registered (SMART's marker row aside: see <see cref="SmartScopesAsync"/>).</summary>
    public async Task<IReadOnlySet<string>> ApiScopesAsync(CancellationToken cancellationToken) =>
        (await db.Set<OpenIddictEntityFrameworkCoreScope>().AsNoTracking().Select(scope => scope.Name!).ToListAsync(cancellationToken))
            .Where(name => !SmartScopes.LooksLikeSmart(name)).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The SMART scopes the token server offers, or null when SMART is off. The token server writes them as one scope
    /// row, <c>launch/patient</c>, whose properties list its FHIR resource types (decision 0042), so this host needs
    /// no SMART settings of its own and both hosts apply the same list.
    /// </summary>
    public async Task<SmartScopes?> SmartScopesAsync(CancellationToken cancellationToken)
    {
        var properties = await db.Set<OpenIddictEntityFrameworkCoreScope>().AsNoTracking()
            .Where(scope => scope.Name == SmartScopes.LaunchPatient).Select(scope => scope.Properties).FirstOrDefaultAsync(cancellationToken);
        return SmartScopeRow.ResourceTypesOf(properties) is { } types ? new SmartScopes(types) : null;
    }

    public async Task<ClientView> ViewAsync(object application, CancellationToken cancellationToken)
    {
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        var origin = descriptor.Properties.TryGetValue(OriginProperty, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : ClientOrigins.Configuration;
        return new ClientView(descriptor.ClientId!, VersionOf(application), origin, ClientDescriptors.MetadataOf(descriptor))
        {
            PreviousSecretExpiresAt = PreviousSecret.From(descriptor.Properties) is { } previous && previous.Expires > time.GetUtcNow().ToUnixTimeSeconds()
                ? DateTimeOffset.FromUnixTimeSeconds(previous.Expires)
                : null,
        };
    }

    /// <summary>The client a platform administrator may change, at <paramref name="version"/> when one is given; else why not.</summary>
    private async Task<(object Application, AdminResult<ClientView>? Refusal)> ChangeableAsync(AdminCaller caller, string clientId, string? version, CancellationToken cancellationToken)
    {
        if (!caller.Role.IsPlatformStaff() || await FindApplicationAsync(clientId, cancellationToken) is not { } application)
        {
            return (null!, new AdminResult<ClientView>.NotFound());
        }

        if (!caller.IsPlatformAdministrator)
        {
            return (application, new AdminResult<ClientView>.Forbidden(PlatformOnly));
        }

        return version is not null && VersionOf(application) != version
            ? (application, new AdminResult<ClientView>.Stale(VersionOf(application)))
            : (application, null);
    }

    private async Task<object?> FindApplicationAsync(string clientId, CancellationToken cancellationToken) =>
        ClientIds.IsPlausible(clientId) ? await applications.FindByClientIdAsync(clientId, cancellationToken) : null;

    private static string VersionOf(object application) =>
        ((OpenIddictEntityFrameworkCoreApplication)application).ConcurrencyToken ?? "";

    private static string NewClientId() => "app-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(10));

    private static string NewSecret() => BearerSecrets.New(32);
}

/// <summary>A secret rotated out: its hash and the Unix time it stops working.</summary>
public sealed record PreviousSecret(string Hash, long Expires)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public JsonElement ToJson() => JsonSerializer.SerializeToElement(this, Json);

    public static PreviousSecret? From(IReadOnlyDictionary<string, JsonElement> properties)
    {
        if (!properties.TryGetValue(ClientDescriptors.PreviousSecretProperty, out var element) || element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            return element.Deserialize<PreviousSecret>(Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
