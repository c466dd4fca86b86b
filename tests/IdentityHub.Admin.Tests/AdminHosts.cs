using System.Net.Http.Headers;
using IdentityHub.Core.Organizations;
using IdentityHub.Data;
using IdentityHub.Data.Organizations;
using IdentityHub.Data.Users;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Admin.Tests;

/// <summary>
/// Both hosts on one fresh PostgreSQL database: the token server issues real tokens (a person signs in with
/// their second factor; a service uses client credentials) and the admin host validates them.
/// </summary>
public sealed class AdminHosts : IAsyncLifetime
{
    public const string Console = "admin-console";
    public const string ConsoleRedirectUri = "https://admin.test/signin-oidc";

    /// <summary>The console's own address: another host name than the token server's (https://localhost).</summary>
    public static readonly Uri ConsoleBase = new("https://admin.test");

    /// <summary>A second service client, allowed the admin scope but given no rights on the admin host.</summary>
    public const string UnregisteredService = "unregistered-service";

    public static readonly string UnregisteredServiceSecret = Guid.NewGuid().ToString("N");

    public AdminHosts()
    {
        TokenServer = new IdentityHubApp()
            .With("IdentityHub:Clients:3:Scopes:1", AdministrationScope.Name)
            .With("IdentityHub:Clients:4:ClientId", Console)
            .With("IdentityHub:Clients:4:DisplayName", "Admin console (test)")
            .With("IdentityHub:Clients:4:RedirectUris:0", ConsoleRedirectUri)
            .With("IdentityHub:Clients:4:PostLogoutRedirectUris:0", "https://admin.test/signout-callback-oidc")
            .With("IdentityHub:Clients:4:Scopes:0", AdministrationScope.Name)
            .With("IdentityHub:Clients:5:ClientId", UnregisteredService)
            .With("IdentityHub:Clients:5:ClientSecret", UnregisteredServiceSecret)
            .With("IdentityHub:Clients:5:GrantTypes:0", "client_credentials")
            .With("IdentityHub:Clients:5:Scopes:0", AdministrationScope.Name);
        Admin = new AdminApp(TokenServer)
            .With("IdentityHub:Admin:ServiceClients:0:ClientId", TestClients.Integration)
            .With("IdentityHub:Admin:ServiceClients:0:Role", nameof(AdministrativeRole.PlatformAdministrator));
    }

    public IdentityHubApp TokenServer { get; }

    public AdminApp Admin { get; }

    public async Task InitializeAsync()
    {
        await TokenServer.InitializeAsync();
        _ = TokenServer.Server; // starts it: the database is migrated before the admin host reads it
    }

    public async Task DisposeAsync()
    {
        await Admin.DisposeAsync();
        await ((IAsyncLifetime)TokenServer).DisposeAsync();
    }

    /// <summary>An API client carrying <paramref name="accessToken"/>.</summary>
    public HttpClient Api(string? accessToken)
    {
        var client = Admin.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        if (accessToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return client;
    }

    /// <summary>A person with a role in an organization (or none), signed in to the console with their second factor: their API client.</summary>
    public async Task<(HttpClient Api, IdentityHubUser User)> SignedInAsync(AdministrativeRole role, string? organizationId)
    {
        var user = await PersonAsync(role, organizationId);
        return (Api(await TokenForAsync(user)), user);
    }

    /// <summary>A user with an email method, in the organization with the role.</summary>
    public async Task<IdentityHubUser> PersonAsync(AdministrativeRole role, string? organizationId)
    {
        var user = await TokenServer.CreateUserAsync(MfaSteps.NewName(role.ToString().ToLowerInvariant()));
        await PlaceAsync(user.Id, role, organizationId);
        (user.AdministrativeRole, user.OrganizationId) = (role, organizationId);
        return user;
    }

    /// <summary>Gives a user a role and an organization directly in the database, as another administrator might have.</summary>
    public Task<int> PlaceAsync(string userId, AdministrativeRole role, string? organizationId) =>
        InDatabaseAsync(db => db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(set => set
            .SetProperty(u => u.AdministrativeRole, role)
            .SetProperty(u => u.OrganizationId, organizationId)
            .SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString())));

    /// <summary>The console's code flow with the person's password and emailed code, then the code redeemed.</summary>
    public async Task<string> TokenForAsync(IdentityHubUser user)
    {
        var browser = TokenServer.NewBrowser();
        var request = new AuthorizationRequest { ClientId = Console, RedirectUri = ConsoleRedirectUri, Scope = "openid profile " + AdministrationScope.Name };
        var returnUrl = await browser.StartAtPortalAsync(request);
        var challenge = await browser.PasswordToChallengeAsync(user.UserName!, returnUrl);
        var verified = await browser.VerifyAsync(challenge, TokenServer.Messages.CodeSentTo(user.Email!));
        var authorization = await browser.BackToPortalAsync(verified, request);
        var tokens = await TokenClient.For(TokenServer, Console).RedeemAsync(authorization);
        return tokens.AccessToken;
    }

    /// <summary>A client-credentials token for a service.</summary>
    public async Task<string> ServiceTokenAsync(string clientId, string secret) =>
        (await TokenClient.For(TokenServer, clientId, secret).ClientCredentialsAsync(AdministrationScope.Name)).AccessToken;

    public async Task<Organization> OrganizationAsync(string name)
    {
        var organization = new Organization
        {
            Name = name,
            TaxId = NewTaxId(),
            Address = new PostalAddress { Line1 = "1 Main Street", City = "Albany", State = "NY", PostalCode = "12207" },
            Phone = "+15185550100",
            CreatedAt = TokenServer.Clock.GetUtcNow(),
        };
        await InDatabaseAsync(async db =>
        {
            db.Organizations.Add(organization);
            return await db.SaveChangesAsync();
        });
        return organization;
    }

    public async Task<T> InDatabaseAsync<T>(Func<IdentityHubDbContext, Task<T>> work)
    {
        await using var scope = TokenServer.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>());
    }

    private static int s_taxIds = 100_000_000;

    /// <summary>A Tax ID no other organization in this run has.</summary>
    public static string NewTaxId() => Interlocked.Increment(ref s_taxIds).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
