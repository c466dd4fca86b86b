using IdentityHub.Core.Organizations;
using IdentityHub.Core.Secrets;
using IdentityHub.Data;
using IdentityHub.Data.Organizations;
using IdentityHub.Data.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityHub.Administration.Invitations;

/// <summary>
/// Invitations (D5): an administrator invites a person into their organization; the link is single-use and
/// works for <see cref="InvitationOptions.LinkLifetime"/> after it was last sent; resending gives it a new
/// secret (the old link dies) and a fresh lifetime; the pending list shows each administrator the
/// invitations they created until accepted, cancelled, or <see cref="InvitationOptions.ListedFor"/> after
/// the last send. Another administrator's invitation is "not found". Creating and resending email the
/// link to the invitee (<see cref="InvitationMail"/>); the link's secret leaves the library only in that email.
/// </summary>
public sealed class InvitationRegister(
    IdentityHubDbContext db,
    AdminAudit audit,
    AdminMail mail,
    TokenServerLinks links,
    IOptionsMonitor<InvitationOptions> options,
    TimeProvider time)
{
    /// <summary>Identity's default normalizer, as the token server's user manager uses it.</summary>
    private static readonly UpperInvariantLookupNormalizer Normalizer = new();

    private InvitationOptions Settings => options.CurrentValue;

    public async Task<AdminResult<InvitationView>> CreateAsync(AdminCaller caller, InvitationInput input, CancellationToken cancellationToken = default)
    {
        if (!caller.IsPlatformAdministrator && !caller.Role.AdministersOrganization())
        {
            return new AdminResult<InvitationView>.Forbidden("Only an organization's administrators invite people into it.");
        }

        var organizationId = caller.IsPlatformAdministrator ? input.OrganizationId : caller.OrganizationId;
        if (organizationId is null)
        {
            return new AdminResult<InvitationView>.Invalid(new Dictionary<string, string[]> { ["organizationId"] = ["Choose the organization to invite the person into."] });
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
            return new AdminResult<InvitationView>.Invalid(problems.ToDictionary());
        }

        var (invitation, secret) = Add(organizationId, given, family, email, AdministrativeRole.GeneralUser, caller.UserId, input.LocationId, input.ClientId);
        var reference = audit.Add(caller, "invitation.created", subjectUserId: null, organizationId, $"{given} {family}");
        await db.SaveChangesAsync(cancellationToken);
        var sent = await MailAsync(invitation, secret, caller.UserId, reference, cancellationToken);
        return new AdminResult<InvitationView>.Done(InvitationView.Of(invitation, time.GetUtcNow()), sent ? null : NotSent(invitation), reference);
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
    public async Task<AdminResult<InvitationView>> ResendAsync(AdminCaller caller, string id, string? version, CancellationToken cancellationToken = default)
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
        var secret = BearerSecrets.New();
        (invitation.TokenHash, invitation.LastSentAt, invitation.ExpiresAt) = (BearerSecrets.Hash(secret), now, now + Settings.LinkLifetime);
        invitation.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        var reference = audit.Add(caller, "invitation.resent", subjectUserId: null, invitation.OrganizationId, $"{invitation.GivenName} {invitation.FamilyName}");
        var saved = await SaveAsync(invitation, reference, InvitationView.Of(invitation, now), cancellationToken);
        if (saved is AdminResult<InvitationView>.Done done && !await MailAsync(invitation, secret, caller.UserId, reference, cancellationToken))
        {
            return done with { Warning = NotSent(invitation) };
        }

        return saved;
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
        var invitation = await UsableAsync(db.Invitations.AsNoTracking(), secret, cancellationToken);
        var organization = invitation is null ? null
            : await db.Organizations.AsNoTracking().Where(o => o.Id == invitation.OrganizationId).Select(o => o.Name).FirstAsync(cancellationToken);
        return new InvitationLink(invitation, organization);
    }

    /// <summary>
    /// The invitee accepts (D5): in one save, <paramref name="account"/> (the username and password hash the
    /// token server checked under its rules) becomes a user of the invitation's organization with its role,
    /// office, names and email (confirmed: the link proved it), the invitation is used up, and both are
    /// audited. A link used meanwhile, by another tab or person, is unusable; a username taken meanwhile is taken.
    /// </summary>
    public async Task<InvitationAcceptance> AcceptAsync(string? secret, IdentityHubUser account, CancellationToken cancellationToken = default)
    {
        var invitation = await UsableAsync(db.Invitations, secret, cancellationToken);
        if (invitation is null)
        {
            return new InvitationAcceptance.Unusable();
        }

        account.NormalizedUserName ??= Normalizer.NormalizeName(account.UserName);
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == account.NormalizedUserName, cancellationToken))
        {
            return new InvitationAcceptance.UsernameTaken();
        }

        var now = time.GetUtcNow();
        (account.OrganizationId, account.AdministrativeRole, account.LocationId) = (invitation.OrganizationId, invitation.Role, invitation.LocationId);
        (account.GivenName, account.FamilyName) = (invitation.GivenName, invitation.FamilyName);
        (account.Email, account.NormalizedEmail, account.EmailConfirmed) = (invitation.Email, Normalizer.NormalizeEmail(invitation.Email), true);
        account.CreatedAt = now;
        account.PasswordChangedAt ??= now;
        db.Users.Add(account);
        (invitation.AcceptedAt, invitation.AcceptedUserId) = (now, account.Id);
        invitation.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        var reference = audit.Add(new AdminCaller(account.Id, invitation.Role, invitation.OrganizationId), "invitation.accepted", account.Id, invitation.OrganizationId, account.UserName);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new InvitationAcceptance.Accepted(account.Id, invitation.ClientId, reference);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new InvitationAcceptance.Unusable();
        }
        catch (DbUpdateException)
        {
            // The unique username index: someone took the name between the check and the save.
            var name = account.NormalizedUserName;
            if (await db.Users.AsNoTracking().AnyAsync(u => u.NormalizedUserName == name && u.Id != account.Id, cancellationToken))
            {
                return new InvitationAcceptance.UsernameTaken();
            }

            throw;
        }
    }

    /// <summary>Emails the link to the invitee; whether a channel took it.</summary>
    internal async Task<bool> MailAsync(Invitation invitation, string secret, string? inviterId, string reference, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == invitation.OrganizationId).Select(o => o.Name).FirstAsync(cancellationToken);
        var inviter = await db.Users.AsNoTracking().Where(u => u.Id == inviterId).Select(u => new { u.GivenName, u.FamilyName }).FirstOrDefaultAsync(cancellationToken);
        var inviterName = $"{inviter?.GivenName} {inviter?.FamilyName}".Trim() is { Length: > 0 } name ? name : null;

        // The invitee has no account yet, so no saved language: English (decision 0025).
        var email = InvitationMail.Compose(mail.Words(null), invitation.GivenName, organization, inviterName, invitation.Role, links.Invitation(secret), Settings.LinkLifetime, invitation.ExpiresAt, reference);
        return await mail.SendAsync(invitation.Email, email, reference, cancellationToken);
    }

    /// <summary>The warning when the invitation was saved but its email was not sent.</summary>
    internal static string NotSent(Invitation invitation) =>
        $"The invitation is saved, but the email to {invitation.Email} could not be sent. Use Resend to try again in a few minutes.";

    private async Task<Invitation?> UsableAsync(IQueryable<Invitation> invitations, string? secret, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 100)
        {
            return null;
        }

        var hash = BearerSecrets.Hash(secret);
        var invitation = await invitations.FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invitation is not { AcceptedAt: null, CancelledAt: null } || time.GetUtcNow() >= invitation.ExpiresAt)
        {
            return null;
        }

        // A suspended organization takes nobody in.
        var organizationId = invitation.OrganizationId;
        return await db.Organizations.AnyAsync(o => o.Id == organizationId && o.Status == OrganizationStatus.Active, cancellationToken) ? invitation : null;
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
