using IdentityHub.Core.Organizations;
using IdentityHub.Core.Secrets;
using IdentityHub.Data;
using IdentityHub.Data.Clients;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Administration.Clients;

/// <summary>What a platform administrator fills in to issue an initial access token.</summary>
public sealed record InitialAccessTokenInput(string? Description, int? ExpiresInDays, int? MaxUses, RegistrationPolicy? Policy);

/// <summary>An initial access token as listed (never the token itself, which is shown once when issued).</summary>
public sealed record InitialAccessTokenView(
    string Id, string Description, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, int? MaxUses, int Uses, DateTimeOffset? RevokedAt, RegistrationPolicy Policy)
{
    /// <summary>Set only in the answer that issued it.</summary>
    public string? Token { get; init; }

    public static InitialAccessTokenView Of(InitialAccessToken row) =>
        new(row.Id, row.Description, row.CreatedAt, row.ExpiresAt, row.MaxUses, row.Uses, row.RevokedAt, RegistrationPolicy.FromJson(row.Policy));
}

/// <summary>
/// Initial access tokens (RFC 7591 §3): the plan's platform administrators issue them to integrators, who then
/// register clients themselves through dynamic registration within the token's policy. Single or multiple use,
/// with an expiry; revocable. Only a hash of each token is stored.
/// </summary>
public sealed class InitialAccessTokens(IdentityHubDbContext db, AdminAudit audit, TimeProvider time, ClientRegistry registry)
{
    private const int LongestLifetimeDays = 365;

    public async Task<IReadOnlyList<InitialAccessTokenView>> ListAsync(AdminCaller caller, CancellationToken cancellationToken = default)
    {
        if (!caller.Role.IsPlatformStaff())
        {
            return [];
        }

        var rows = await db.InitialAccessTokens.AsNoTracking().OrderByDescending(t => t.CreatedAt).Take(500).ToListAsync(cancellationToken);
        return [.. rows.Select(InitialAccessTokenView.Of)];
    }

    public async Task<AdminResult<InitialAccessTokenView>> IssueAsync(AdminCaller caller, InitialAccessTokenInput input, CancellationToken cancellationToken = default)
    {
        if (!caller.IsPlatformAdministrator)
        {
            return new AdminResult<InitialAccessTokenView>.Forbidden(ClientRegistry.PlatformOnly);
        }

        var problems = new FieldProblems();
        var description = problems.Text("description", input.Description, "description", 200);
        var days = input.ExpiresInDays ?? 30;
        if (days is < 1 or > LongestLifetimeDays)
        {
            problems.Add("expiresInDays", $"The token expires after 1 to {LongestLifetimeDays} days.");
        }

        if (input.MaxUses is < 1 or > 10_000)
        {
            problems.Add("maxUses", "Allow from 1 to 10000 registrations, or leave it empty for any number until it expires.");
        }

        var policy = input.Policy ?? new RegistrationPolicy();
        policy = policy with { RedirectHosts = [.. policy.RedirectHosts.Select(host => host.Trim().ToLowerInvariant()).Where(host => host.Length > 0).Distinct()] };
        policy.Check(await registry.ApiScopesAsync(cancellationToken), problems, await registry.SmartScopesAsync(cancellationToken));
        if (problems.Any)
        {
            return new AdminResult<InitialAccessTokenView>.Invalid(problems.ToDictionary());
        }

        var token = "iat_" + BearerSecrets.New(32);
        var now = time.GetUtcNow();
        var row = new InitialAccessToken
        {
            Id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
            TokenHash = BearerSecrets.Hash(token),
            Description = description,
            CreatedBy = caller.UserId,
            CreatedAt = now,
            ExpiresAt = now.AddDays(days),
            MaxUses = input.MaxUses,
            Policy = policy.ToJson(),
        };
        db.InitialAccessTokens.Add(row);
        var reference = audit.Add(caller, "initial_access_token.issued", null, null, $"{row.Id} ({description}); uses {input.MaxUses?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "any"}; expires {row.ExpiresAt:u}");
        await db.SaveChangesAsync(cancellationToken);
        return new AdminResult<InitialAccessTokenView>.Done(InitialAccessTokenView.Of(row) with { Token = token }, Reference: reference);
    }

    public async Task<AdminResult<InitialAccessTokenView>> RevokeAsync(AdminCaller caller, string id, CancellationToken cancellationToken = default)
    {
        var row = caller.Role.IsPlatformStaff() ? await db.InitialAccessTokens.FirstOrDefaultAsync(t => t.Id == id, cancellationToken) : null;
        if (row is null)
        {
            return new AdminResult<InitialAccessTokenView>.NotFound();
        }

        if (!caller.IsPlatformAdministrator)
        {
            return new AdminResult<InitialAccessTokenView>.Forbidden(ClientRegistry.PlatformOnly);
        }

        row.RevokedAt ??= time.GetUtcNow();
        var reference = audit.Add(caller, "initial_access_token.revoked", null, null, $"{row.Id} ({row.Description})");
        await db.SaveChangesAsync(cancellationToken);
        return new AdminResult<InitialAccessTokenView>.Done(InitialAccessTokenView.Of(row), Reference: reference);
    }

    /// <summary>
    /// Uses the token for one registration: counted with one conditional UPDATE, so that two registrations racing for
    /// the last use cannot both succeed. Null when the token is unknown, revoked, expired or used up.
    /// </summary>
    public async Task<InitialAccessToken?> RedeemAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return null;
        }

        var hash = BearerSecrets.Hash(token);
        var now = time.GetUtcNow();
        var counted = await db.InitialAccessTokens
            .Where(t => t.TokenHash == hash && t.RevokedAt == null && t.ExpiresAt > now && (t.MaxUses == null || t.Uses < t.MaxUses))
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.Uses, t => t.Uses + 1), cancellationToken);
        return counted == 1 ? await db.InitialAccessTokens.AsNoTracking().FirstAsync(t => t.TokenHash == hash, cancellationToken) : null;
    }
}
