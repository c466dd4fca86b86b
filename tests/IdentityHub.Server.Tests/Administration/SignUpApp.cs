using System.Text.RegularExpressions;
using IdentityHub.Administration;
using IdentityHub.Administration.Invitations;
using IdentityHub.Core.Organizations;
using IdentityHub.Data;
using IdentityHub.Data.Organizations;
using IdentityHub.Data.Users;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Server.Tests.Administration;

/// <summary>
/// The token server with its public address set (the links in emails use it) and a home page for the test
/// portal, where invitees land; with a helper that has an organization's administrator invite someone.
/// </summary>
public sealed partial class SignUpApp : IAsyncLifetime
{
    public const string PortalHome = "https://portal.test/home";

    private static int s_taxIds = Random.Shared.Next(100_000_000, 900_000_000);

    public IdentityHubApp App { get; } = new IdentityHubApp()
        .With(TokenServerLinks.IssuerKey, "https://localhost/")
        .With("IdentityHub:Clients:0:ClientUri", PortalHome);

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => App.DisposeAsync().AsTask();

    /// <summary>An organization, its primary administrator Maria Gomez, and her invitation to Rosa Diaz at a new address.</summary>
    public async Task<Invited> InviteAsync(string? clientId = TestClients.Portal)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var organization = new Organization
        {
            Name = "Lakeside Clinic " + tag,
            TaxId = Interlocked.Increment(ref s_taxIds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Address = new PostalAddress { Line1 = "1 Main Street", City = "Albany", State = "NY", PostalCode = "12207" },
            CreatedAt = App.Clock.GetUtcNow(),
        };
        var administrator = new IdentityHubUser
        {
            UserName = "maria-" + tag,
            NormalizedUserName = ("maria-" + tag).ToUpperInvariant(),
            GivenName = "Maria",
            FamilyName = "Gomez",
            AdministrativeRole = AdministrativeRole.PrimaryAdministrator,
            OrganizationId = organization.Id,
        };
        db.Organizations.Add(organization);
        db.Users.Add(administrator);
        await db.SaveChangesAsync();

        var email = $"rosa.{tag}@clinic.example";
        var caller = new AdminCaller(administrator.Id, AdministrativeRole.PrimaryAdministrator, organization.Id);
        var created = await scope.ServiceProvider.GetRequiredService<InvitationRegister>().CreateAsync(caller, new InvitationInput("Rosa", "Diaz", email, ClientId: clientId));
        var invitation = Assert.IsType<AdminResult<InvitationView>.Done>(created).Value;
        return new Invited(caller, organization.Name, email, invitation, LinkTo(email));
    }

    /// <summary>The link in the newest invitation email to the address, as a path on the server.</summary>
    public string LinkTo(string email)
    {
        var body = App.Messages.LatestTo(email).Body;
        return InvitationLink().Match(body) is { Success: true } match ? match.Groups[1].Value
            : throw new Xunit.Sdk.XunitException("No invitation link in: " + body);
    }

    [GeneratedRegex(@"https://localhost(/Account/Invitation\?code=\S+)")]
    private static partial Regex InvitationLink();
}

public sealed record Invited(AdminCaller Administrator, string OrganizationName, string Email, InvitationView Invitation, string Link);
