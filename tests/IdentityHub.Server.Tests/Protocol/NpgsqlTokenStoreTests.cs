using IdentityHub.Data;
using IdentityHub.Server.Connect.Tokens.Npgsql;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdentityHub.Server.Tests.Protocol;

/// <summary>
/// The token and authorization stores written on Npgsql (decision 0044) keep OpenIddict's behaviour on the same
/// tables: what they write EF Core reads back unchanged, a redemption is guarded against a second request holding
/// the same row, and the cold paths (searches, deletes) still work on what they read.
/// </summary>
public sealed class NpgsqlTokenStoreTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Fact]
    public async Task The_stores_on_PostgreSQL_are_the_Npgsql_ones()
    {
        using var scope = app.Services.CreateScope();

        Assert.IsType<NpgsqlTokenStore>(scope.ServiceProvider.GetRequiredService<IOpenIddictTokenStore<OpenIddictEntityFrameworkCoreToken>>());
        Assert.IsType<NpgsqlAuthorizationStore>(scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationStore<OpenIddictEntityFrameworkCoreAuthorization>>());
    }

    [Fact]
    public async Task Of_two_requests_redeeming_the_same_token_only_the_first_succeeds()
    {
        var refreshTokenId = await SignedInRefreshTokenIdAsync();
        using var first = app.Services.CreateScope();
        using var second = app.Services.CreateScope();
        var firstTokens = first.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var secondTokens = second.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var seenByFirst = (await firstTokens.FindByIdAsync(refreshTokenId))!;
        var seenBySecond = (await secondTokens.FindByIdAsync(refreshTokenId))!;

        Assert.True(await firstTokens.TryRedeemAsync(seenByFirst));
        Assert.False(await secondTokens.TryRedeemAsync(seenBySecond));

        var stored = await ReadWithEntityFrameworkAsync(refreshTokenId);
        Assert.Equal(Statuses.Redeemed, stored.Status);
        Assert.NotNull(stored.RedemptionDate);
    }

    [Fact]
    public async Task What_the_Npgsql_stores_write_Entity_Framework_reads_back_unchanged()
    {
        var refreshTokenId = await SignedInRefreshTokenIdAsync();
        using var scope = app.Services.CreateScope();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
        var token = (await tokens.FindByIdAsync(refreshTokenId))!;
        var authorizationId = (await tokens.GetAuthorizationIdAsync(token))!;
        var authorization = (await authorizations.FindByIdAsync(authorizationId))!;

        // Read with the token (one query), and the same object for the rest of the request.
        Assert.Same(authorization, await authorizations.FindByIdAsync(authorizationId));
        Assert.Same(token, await tokens.FindByIdAsync(refreshTokenId));

        var stored = await ReadWithEntityFrameworkAsync(refreshTokenId);
        Assert.Equal(await tokens.GetSubjectAsync(token), stored.Subject);
        Assert.Equal(await tokens.GetApplicationIdAsync(token), stored.Application!.Id);
        Assert.Equal(authorizationId, stored.Authorization!.Id);
        Assert.Equal(TokenTypeIdentifiers.RefreshToken, stored.Type);
        Assert.Equal(Statuses.Valid, stored.Status);
        Assert.Equal(await tokens.GetExpirationDateAsync(token), stored.ExpirationDate is { } expires ? new DateTimeOffset(expires, TimeSpan.Zero) : null);
        Assert.Equal(Statuses.Valid, stored.Authorization.Status);
        Assert.Equal((await authorizations.GetScopesAsync(authorization)).Order(), (await authorizations.GetScopesAsync(stored.Authorization)).Order());
    }

    [Fact]
    public async Task Revoking_and_deleting_through_the_Npgsql_stores_reach_the_rows()
    {
        var refreshTokenId = await SignedInRefreshTokenIdAsync();
        string authorizationId;
        using (var scope = app.Services.CreateScope())
        {
            var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
            var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
            var token = (await tokens.FindByIdAsync(refreshTokenId))!;
            authorizationId = (await tokens.GetAuthorizationIdAsync(token))!;
            Assert.True(await authorizations.TryRevokeAsync((await authorizations.FindByIdAsync(authorizationId))!));
            await tokens.DeleteAsync(token);
        }

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>();
            Assert.False(await db.Set<OpenIddictEntityFrameworkCoreToken>().AnyAsync(row => row.Id == refreshTokenId));
            Assert.Equal(Statuses.Revoked, (await db.Set<OpenIddictEntityFrameworkCoreAuthorization>().SingleAsync(row => row.Id == authorizationId)).Status);

            var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
            await authorizations.DeleteAsync((await authorizations.FindByIdAsync(authorizationId))!);
            Assert.False(await db.Set<OpenIddictEntityFrameworkCoreAuthorization>().AnyAsync(row => row.Id == authorizationId));
        }
    }

    private async Task<string> SignedInRefreshTokenIdAsync()
    {
        var user = await app.CreateUserAsync("npgsql-" + Guid.NewGuid().ToString("N")[..6]);
        var authorization = await app.NewBrowser().CodeFlowAsync(user.UserName!, new AuthorizationRequest());
        (await TokenClient.For(app).RedeemAsync(authorization)).EnsureSuccess();

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>();
        return await db.Set<OpenIddictEntityFrameworkCoreToken>().AsNoTracking()
            .Where(row => row.Subject == user.Id && row.Type == TokenTypeIdentifiers.RefreshToken && row.Status == Statuses.Valid)
            .Select(row => row.Id!).SingleAsync();
    }

    private async Task<OpenIddictEntityFrameworkCoreToken> ReadWithEntityFrameworkAsync(string id)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>();
        return await db.Set<OpenIddictEntityFrameworkCoreToken>().AsNoTracking().Include(row => row.Application).Include(row => row.Authorization)
            .SingleAsync(row => row.Id == id);
    }
}
