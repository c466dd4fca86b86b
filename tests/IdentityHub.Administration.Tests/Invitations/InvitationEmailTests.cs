using IdentityHub.Administration.Invitations;
using IdentityHub.Core.Organizations;
using IdentityHub.Data.Users;
using IdentityHub.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Administration.Tests.Invitations;

/// <summary>The invitation email (D5) sent by the action itself, and the invitee's acceptance in one save.</summary>
public sealed class InvitationEmailTests(AdministrationDatabase database) : IClassFixture<AdministrationDatabase>
{
    [Fact]
    public async Task The_email_names_the_organization_the_inviter_and_when_the_link_stops_working()
    {
        var (administrator, _, organizationName) = await AdministratorAsync("Maria", "Gomez");
        var email = NewEmail("rosa");

        var created = Assert.IsType<AdminResult<InvitationView>.Done>(await InScope(r => r.CreateAsync(administrator, new InvitationInput("Rosa", "Diaz", email))));

        var message = database.Sent.LatestTo(email);
        Assert.Equal(DeliveryKind.Email, message.Kind);
        Assert.Equal(MailText.English("AdminMail.Invitation.Subject"), message.Subject);
        Assert.Equal(created.Reference, message.Reference);
        Assert.Null(created.Warning);
        Assert.Contains("Hello Rosa,", message.Body, StringComparison.Ordinal);
        Assert.Contains($"Maria Gomez invited you to sign in to your health plan's portal for {organizationName}.", message.Body, StringComparison.Ordinal);
        Assert.Contains($"for 3 days: until {created.Value.ExpiresAt.UtcDateTime.ToString("dddd, MMMM d, yyyy 'at' h:mm tt", System.Globalization.CultureInfo.InvariantCulture)} UTC.", message.Body, StringComparison.Ordinal);
        Assert.Contains("If you did not expect this email, do not open the link.", message.Body, StringComparison.Ordinal);
        Assert.Contains($"Reference number: {created.Reference}", message.Body, StringComparison.Ordinal);
        Assert.True((await InScope(r => r.OpenAsync(database.Sent.LinkSecretTo(email)))).IsUsable);
    }

    [Fact]
    public async Task A_failed_delivery_keeps_the_invitation_with_a_warning_and_a_resend_sends_it()
    {
        var (administrator, _, _) = await AdministratorAsync("Maria", "Gomez");
        var email = NewEmail("failed");
        database.Sent.Failing = true;
        AdminResult<InvitationView>.Done created;
        try
        {
            created = Assert.IsType<AdminResult<InvitationView>.Done>(await InScope(r => r.CreateAsync(administrator, new InvitationInput("Sam", "Lee", email))));
        }
        finally
        {
            database.Sent.Failing = false;
        }

        Assert.Equal($"The invitation is saved, but the email to {email} could not be sent. Use Resend to try again in a few minutes.", created.Warning);
        Assert.Empty(database.Sent.To(email));
        Assert.Single(await InScope(r => r.ListPendingAsync(administrator)), i => i.Id == created.Value.Id);

        var resent = Assert.IsType<AdminResult<InvitationView>.Done>(await InScope(r => r.ResendAsync(administrator, created.Value.Id, created.Value.Version)));
        Assert.Null(resent.Warning);
        Assert.Equal(resent.Reference, Assert.Single(database.Sent.To(email)).Reference);
    }

    [Fact]
    public async Task Accepting_creates_the_user_in_the_organization_with_a_confirmed_email_once()
    {
        var (administrator, organizationId, _) = await AdministratorAsync("Maria", "Gomez");
        var email = NewEmail("accept");
        var userName = "accept-" + Guid.NewGuid().ToString("N")[..6];
        await InScope(r => r.CreateAsync(administrator, new InvitationInput("Rosa", "Diaz", email, ClientId: "provider-portal")));
        var secret = database.Sent.LinkSecretTo(email);

        var accepted = Assert.IsType<InvitationAcceptance.Accepted>(await InScope(r => r.AcceptAsync(secret, Account(userName))));

        Assert.Equal("provider-portal", accepted.ClientId);
        var user = await database.QueryAsync(db => db.Users.SingleAsync(u => u.Id == accepted.UserId));
        Assert.Equal((userName, "Rosa", "Diaz", email, true), (user.UserName, user.GivenName, user.FamilyName, user.Email, user.EmailConfirmed));
        Assert.Equal((organizationId, AdministrativeRole.GeneralUser), (user.OrganizationId, user.AdministrativeRole));
        Assert.Equal(email.ToUpperInvariant(), user.NormalizedEmail);
        var invitation = await database.QueryAsync(db => db.Invitations.SingleAsync(i => i.Email == email));
        Assert.Equal(user.Id, invitation.AcceptedUserId);
        Assert.Equal(1, await database.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Event == "invitation.accepted" && e.UserId == user.Id && e.Reference == accepted.Reference)));

        Assert.IsType<InvitationAcceptance.Unusable>(await InScope(r => r.AcceptAsync(secret, Account("another-" + userName))));
        Assert.False((await InScope(r => r.OpenAsync(secret))).IsUsable);
    }

    [Fact]
    public async Task A_taken_username_is_refused_and_the_link_still_works()
    {
        var (administrator, _, _) = await AdministratorAsync("Maria", "Gomez");
        var email = NewEmail("taken");
        await InScope(r => r.CreateAsync(administrator, new InvitationInput("Rosa", "Diaz", email)));
        var secret = database.Sent.LinkSecretTo(email);
        var existing = await database.QueryAsync(db => db.Users.Where(u => u.Id == administrator.UserId).Select(u => u.UserName!).SingleAsync());

        Assert.IsType<InvitationAcceptance.UsernameTaken>(await InScope(r => r.AcceptAsync(secret, Account(existing.ToUpperInvariant()))));

        Assert.True((await InScope(r => r.OpenAsync(secret))).IsUsable);
    }

    private static IdentityHubUser Account(string userName) => new() { UserName = userName, PasswordHash = "not-a-real-hash" };

    private static string NewEmail(string prefix) => $"{prefix}.{Guid.NewGuid().ToString("N")[..6]}@example.com";

    private async Task<(AdminCaller Administrator, string OrganizationId, string OrganizationName)> AdministratorAsync(string givenName, string familyName)
    {
        var organization = await database.OrganizationAsync("Mail " + Guid.NewGuid().ToString("N")[..6]);
        var administrator = await database.PersonAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        await database.QueryAsync(db => db.Users.Where(u => u.Id == administrator.UserId)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.GivenName, givenName).SetProperty(u => u.FamilyName, familyName)));
        return (administrator, organization.Id, organization.Name);
    }

    private Task<T> InScope<T>(Func<InvitationRegister, Task<T>> work) =>
        database.InScopeAsync(services => work(services.GetRequiredService<InvitationRegister>()));
}
