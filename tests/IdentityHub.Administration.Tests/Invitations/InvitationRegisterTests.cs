using IdentityHub.Administration.Invitations;
using IdentityHub.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Administration.Tests.Invitations;

/// <summary>Invitations (D5): single-use links valid 72 hours from the last send, resend, cancel, and the pending list.</summary>
public sealed class InvitationRegisterTests(AdministrationDatabase database) : IClassFixture<AdministrationDatabase>
{
    private static readonly InvitationInput Rosa = new("Rosa", "Diaz", "rosa.diaz@example.com");

    [Fact]
    public async Task An_administrator_invites_into_their_own_organization_and_the_link_works_for_72_hours()
    {
        var (administrator, organization) = await AdministratorAsync();

        var sent = Assert.IsType<AdminResult<InvitationView>.Done>(await CreateAsync(administrator, Rosa with { OrganizationId = "someone-elses" }));

        Assert.Equal(organization, sent.Value.OrganizationId);
        Assert.Equal(TimeSpan.FromHours(72), sent.Value.ExpiresAt - sent.Value.LastSentAt);
        var secret = database.Sent.LinkSecretTo(Rosa.Email!);
        Assert.True((await OpenAsync(secret)).IsUsable);
        var stored = await database.QueryAsync(db => db.Invitations.SingleAsync(i => i.Id == sent.Value.Id));
        Assert.NotEqual(secret, stored.TokenHash);
        Assert.DoesNotContain(secret, stored.TokenHash, StringComparison.Ordinal);

        database.Clock.Advance(TimeSpan.FromHours(72));
        Assert.False((await OpenAsync(secret)).IsUsable);
    }

    [Fact]
    public async Task Each_mistake_is_named_and_a_general_user_invites_nobody()
    {
        var (administrator, organization) = await AdministratorAsync();
        var general = await database.PersonAsync(AdministrativeRole.GeneralUser, organization);

        var invalid = Assert.IsType<AdminResult<InvitationView>.Invalid>(await CreateAsync(administrator, new InvitationInput("", " ", "not-an-email", LocationId: "nowhere")));

        Assert.Equal(["Enter the first name."], invalid.Problems["givenName"]);
        Assert.Equal(["Enter the last name."], invalid.Problems["familyName"]);
        Assert.Equal(["Enter an email address like name@example.com."], invalid.Problems["email"]);
        Assert.Equal(["Choose one of the organization's offices."], invalid.Problems["locationId"]);
        Assert.IsType<AdminResult<InvitationView>.Forbidden>(await CreateAsync(general, Rosa));
    }

    [Fact]
    public async Task Resending_kills_the_old_link_and_gives_a_fresh_72_hours()
    {
        var (administrator, _) = await AdministratorAsync();
        var first = Assert.IsType<AdminResult<InvitationView>.Done>(await CreateAsync(administrator, Rosa)).Value;
        var firstSecret = database.Sent.LinkSecretTo(Rosa.Email!);
        database.Clock.Advance(TimeSpan.FromHours(70));

        Assert.IsType<AdminResult<InvitationView>.Done>(await InScope(r => r.ResendAsync(administrator, first.Id, first.Version)));
        var againSecret = database.Sent.LinkSecretTo(Rosa.Email!);

        Assert.False((await OpenAsync(firstSecret)).IsUsable);
        Assert.True((await OpenAsync(againSecret)).IsUsable);
        database.Clock.Advance(TimeSpan.FromHours(71));
        Assert.True((await OpenAsync(againSecret)).IsUsable);
        Assert.IsType<AdminResult<InvitationView>.Stale>(await InScope(r => r.ResendAsync(administrator, first.Id, first.Version)));
    }

    [Fact]
    public async Task The_pending_list_is_the_creators_own_and_drops_an_invitation_7_days_after_its_last_send()
    {
        var (administrator, organization) = await AdministratorAsync();
        var backup = await database.PersonAsync(AdministrativeRole.BackupAdministrator, organization);
        var sent = Assert.IsType<AdminResult<InvitationView>.Done>(await CreateAsync(administrator, Rosa)).Value;

        Assert.Equal([sent.Id], (await InScope(r => r.ListPendingAsync(administrator))).Select(i => i.Id));
        Assert.Empty(await InScope(r => r.ListPendingAsync(backup)));
        Assert.IsType<AdminResult<InvitationView>.NotFound>(await InScope(r => r.CancelAsync(backup, sent.Id, sent.Version)));

        database.Clock.Advance(TimeSpan.FromDays(4));
        var listed = Assert.Single(await InScope(r => r.ListPendingAsync(administrator)));
        Assert.True(listed.LinkExpired);

        database.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Empty(await InScope(r => r.ListPendingAsync(administrator)));
    }

    [Fact]
    public async Task A_cancelled_link_says_the_same_as_an_expired_or_unknown_one()
    {
        var (administrator, _) = await AdministratorAsync();
        var sent = Assert.IsType<AdminResult<InvitationView>.Done>(await CreateAsync(administrator, Rosa)).Value;
        var secret = database.Sent.LinkSecretTo(Rosa.Email!);

        Assert.IsType<AdminResult<InvitationView>.Done>(await InScope(r => r.CancelAsync(administrator, sent.Id, sent.Version)));

        Assert.False((await OpenAsync(secret)).IsUsable);
        Assert.False((await OpenAsync("made-up-secret")).IsUsable);
        Assert.False((await OpenAsync(new string('x', 5000))).IsUsable);
        Assert.Empty(await InScope(r => r.ListPendingAsync(administrator)));
        Assert.Equal(1, await database.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Event == "invitation.cancelled" && e.ActorId == administrator.UserId)));
    }

    private async Task<(AdminCaller Administrator, string OrganizationId)> AdministratorAsync()
    {
        var organization = await database.OrganizationAsync("Invites " + Guid.NewGuid().ToString("N")[..6]);
        return (await database.PersonAsync(AdministrativeRole.PrimaryAdministrator, organization.Id), organization.Id);
    }

    private Task<AdminResult<InvitationView>> CreateAsync(AdminCaller caller, InvitationInput input) => InScope(r => r.CreateAsync(caller, input));

    private Task<InvitationLink> OpenAsync(string secret) => InScope(r => r.OpenAsync(secret));

    private Task<T> InScope<T>(Func<InvitationRegister, Task<T>> work) =>
        database.InScopeAsync(services => work(services.GetRequiredService<InvitationRegister>()));
}
