using IdentityHub.Core.Organizations;
using IdentityHub.Core.Secrets;
using IdentityHub.Data;
using IdentityHub.Data.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityHub.Administration.Invitations;

/// <summary>
/// Invitations (D5): an administrator invites a person into their organization; the link is single-use and
/// works for <see cref="InvitationOptions.LinkLifetime"/> after it was last sent; resending gives it a new
/// secret (the old link dies) and a fresh lifetime; the pending list shows each administrator the
/// invitations they created until accepted, cancelled, or <see cref="InvitationOptions.ListedFor"/> after
/// the last send. Another administrator's invitation is "not found".
/// </summary>
public sealed class InvitationRegister(IdentityHubDbContext db, AdminAudit audit, IOptionsMonitor<InvitationOptions> options, TimeProvider time)
{
    private InvitationOptions Settings => options.CurrentValue;

    public async Task<AdminResult<SentInvitation>> CreateAsync(AdminCaller caller, InvitationInput input, CancellationToken cancellationToken = default)
    {
        if (!caller.IsPlatformAdministrator && !caller.Role.AdministersOrganization())
        {
            return new AdminResult<SentInvitation>.Forbidden("Only an organization's administrators invite people into it.");
        }

        var organizationId = caller.IsPlatformAdministrator ? input.OrganizationId : caller.OrganizationId;
        if (organizationId is null)
        {
            return new AdminResult<SentInvitation>.Invalid(new Dictionary<string, string[]> { ["organizationId"] = ["Choose the organization to invite the person into."] });
        }

        var problems = new FieldProblems();
        var (given, family, email) = InvitationInputs.Check(input, problems);
        if (!await db.Organizations.AnyAsync(o => o.Id == organizationId && o.Status == OrganizationStatus.Active, cancellationToken))
        {
            problems.Add("organizationId", "Choose an active organization.");
        }

        if (input.LocationId is { } locationId && !await db.OrganizationLocations.AnyAsync(l => l.Id == locationId && l.OrganizationId == organizationId, cancellationToken))
        {
            problems.Add("locationId", "Choose one of the organization's offices.");
        }

        if (problems.Any)
        {
            return new AdminResult<SentInvitation>.Invalid(problems.ToDictionary());
        }

        var (invitation, secret) = Add(organizationId, given, family, email, AdministrativeRole.GeneralUser, caller.UserId, input.LocationId, input.ClientId);
        var reference = audit.Add(caller, "invitation.created", subjectUserId: null, organizationId, $"{given} {family}");
        await db.SaveChangesAsync(cancellationToken);
        return new AdminResult<SentInvitation>.Done(new SentInvitation(InvitationView.Of(invitation, time.GetUtcNow()), secret), Reference: reference);
    }

    /// <summary>Adds an invitation to the context without saving (an approved registration adds two with its organization).</summary>
    internal (Invitation Invitation, string Secret) Add(string organizationId, string givenName, string familyName, string email, AdministrativeRole role, string createdBy, string? locationId = null, string? clientId = null)
    {
        var now = time.GetUtcNow();
        var secret = BearerSecrets.New();
        var invitation = new Invitation
        {
            OrganizationId = organizationId,
            GivenName = givenName,
            FamilyName = familyName,
            Email = email,
            Role = role,
            LocationId = locationId,
            ClientId = clientId,
            CreatedBy = createdBy,
            CreatedAt = now,
            LastSentAt = now,
            ExpiresAt = now + Settings.LinkLifetime,
            TokenHash = BearerSecrets.Hash(secret),
        };
        db.Invitations.Add(invitation);
        return (invitation, secret);
    }

    /// <summary>The caller's own invitations that are still waiting, newest first.</summary>
    public async Task<IReadOnlyList<InvitationView>> ListPendingAsync(AdminCaller caller, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var listedSince = now - Settings.ListedFor;
        var pending = await db.Invitations.AsNoTracking()
            .Where(i => i.CreatedBy == caller.UserId && i.AcceptedAt == null && i.CancelledAt == null && i.LastSentAt > listedSince)
            .OrderByDescending(i => i.LastSentAt)
            .ToListAsync(cancellationToken);
        return [.. pending.Select(i => InvitationView.Of(i, now))];
    }

    /// <summary>Sends the invitation again: a new link (the old one stops working) valid for a fresh lifetime.</summary>
    public async Task<AdminResult<SentInvitation>> ResendAsync(AdminCaller caller, string id, string? version, CancellationToken cancellationToken = default)
    {
        var invitation = await PendingOfAsync(caller, id, cancellationToken);
        if (invitation is null)
        {
            return new AdminResult<SentInvitation>.NotFound();
        }

        if (version != invitation.ConcurrencyStamp)
        {
            return new AdminResult<SentInvitation>.Stale(invitation.ConcurrencyStamp);
        }

        var now = time.GetUtcNow();
        var secret = BearerSecrets.New();
        (invitation.TokenHash, invitation.LastSentAt, invitation.ExpiresAt) = (BearerSecrets.Hash(secret), now, now + Settings.LinkLifetime);
        invitation.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        var reference = audit.Add(caller, "invitation.resent", subjectUserId: null, invitation.OrganizationId, $"{invitation.GivenName} {invitation.FamilyName}");
        return await SaveAsync(invitation, reference, new SentInvitation(InvitationView.Of(invitation, now), secret), cancellationToken);
    }

    public async Task<AdminResult<InvitationView>> CancelAsync(AdminCaller caller, string id, string? version, CancellationToken cancellationToken = default)
    {
        var invitation = await PendingOfAsync(caller, id, cancellationToken);
        if (invitation is null)
        {
            return new AdminResult<InvitationView>.NotFound();
        }

        if (version != invitation.ConcurrencyStamp)
        {
            return new AdminResult<InvitationView>.Stale(invitation.ConcurrencyStamp);
        }

        var now = time.GetUtcNow();
        invitation.CancelledAt = now;
        invitation.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        var reference = audit.Add(caller, "invitation.cancelled", subjectUserId: null, invitation.OrganizationId, $"{invitation.GivenName} {invitation.FamilyName}");
        return await SaveAsync(invitation, reference, InvitationView.Of(invitation, now), cancellationToken);
    }

    /// <summary>What a link leads to; the same answer for every kind of unusable link, and nothing about any account.</summary>
    public async Task<InvitationLink> OpenAsync(string? secret, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 100)
        {
            return new InvitationLink(null);
        }

        var hash = BearerSecrets.Hash(secret);
        var invitation = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        var usable = invitation is { AcceptedAt: null, CancelledAt: null } && time.GetUtcNow() < invitation.ExpiresAt;
        return new InvitationLink(usable ? invitation : null);
    }

    private Task<Invitation?> PendingOfAsync(AdminCaller caller, string id, CancellationToken cancellationToken) =>
        db.Invitations.FirstOrDefaultAsync(i => i.Id == id && i.CreatedBy == caller.UserId && i.AcceptedAt == null && i.CancelledAt == null, cancellationToken);

    private Task<AdminResult<T>> SaveAsync<T>(Invitation invitation, string reference, T value, CancellationToken cancellationToken) =>
        VersionedChanges.SaveAsync(
            db,
            () => new AdminResult<T>.Done(value, Reference: reference),
            token => db.Invitations.AsNoTracking().Where(i => i.Id == invitation.Id).Select(i => i.ConcurrencyStamp).FirstOrDefaultAsync(token),
            cancellationToken);

}
