using IdentityHub.Administration.Invitations;
using IdentityHub.Administration.Organizations;
using IdentityHub.Core.Organizations;
using IdentityHub.Data;
using IdentityHub.Data.Organizations;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Administration.Registrations;

/// <summary>
/// Registration requests (D2): anyone submits one from the public form (its page limits abuse); the plan's
/// platform administrators list them, approve one (the organization is created and its primary and
/// secondary administrators invited, all in one save) or reject it with a reason for the requester.
/// </summary>
public sealed class RegistrationDesk(
    IdentityHubDbContext db,
    OrganizationDirectory organizations,
    InvitationRegister invitations,
    AdminAudit audit,
    AdminMail mail,
    TimeProvider time)
{
    public const int MaxReasonLength = 1000;

    /// <summary>
    /// Saves a request and sends its receipt to both administrators it names, in <paramref name="language"/>:
    /// the language its form was filled in (null: English). Neither has an account whose language could be read.
    /// </summary>
    public Task<AdminResult<RegistrationView>> SubmitAsync(RegistrationInput input, string? from, CancellationToken cancellationToken = default) =>
        SubmitAsync(input, from, language: null, cancellationToken);

    public async Task<AdminResult<RegistrationView>> SubmitAsync(RegistrationInput input, string? from, string? language, CancellationToken cancellationToken = default)
    {
        var (organization, primary, secondary, problems) = RegistrationInputs.Check(input);
        if (organization is null || primary is null || secondary is null)
        {
            return new AdminResult<RegistrationView>.Invalid(problems.ToDictionary());
        }

        var request = new RegistrationRequest
        {
            OrganizationName = organization.Name,
            TaxId = organization.TaxId,
            Address = organization.Address,
            Phone = organization.Phone,
            Fax = organization.Fax,
            Primary = primary,
            Secondary = secondary,
            SubmittedAt = time.GetUtcNow(),
            SubmittedFrom = from is { Length: <= 64 } ? from : null,
        };
        db.RegistrationRequests.Add(request);
        var reference = audit.Add(actorId: null, "registration.submitted", subjectUserId: null, organizationId: null, request.OrganizationName);
        await db.SaveChangesAsync(cancellationToken);

        // The receipt goes to both people the request names, so neither is signed up without knowing.
        var sent = true;
        foreach (var administrator in new[] { request.Primary, request.Secondary })
        {
            sent &= await mail.SendAsync(administrator.Email, RegistrationMail.Received(mail.Words(language), administrator.GivenName, request.OrganizationName, reference), reference, cancellationToken);
        }

        return new AdminResult<RegistrationView>.Done(RegistrationView.Of(request), sent ? null : "Your request is saved, but we could not send the confirmation email. Keep the reference number.", reference);
    }

    /// <summary>Requests in a status, oldest first (the queue order); for the plan's staff only.</summary>
    public async Task<AdminResult<IReadOnlyList<RegistrationView>>> ListAsync(AdminCaller caller, RegistrationStatus status, CancellationToken cancellationToken = default)
    {
        if (!caller.Role.IsPlatformStaff())
        {
            return new AdminResult<IReadOnlyList<RegistrationView>>.Forbidden("Only the plan's staff review registration requests.");
        }

        var requests = await db.RegistrationRequests.AsNoTracking().Where(r => r.Status == status).OrderBy(r => r.SubmittedAt).ToListAsync(cancellationToken);
        return new AdminResult<IReadOnlyList<RegistrationView>>.Done([.. requests.Select(RegistrationView.Of)]);
    }

    /// <summary>One request in any status, for the plan's staff; anyone else, and an id that does not exist, gets "not found".</summary>
    public async Task<AdminResult<RegistrationView>> FindAsync(AdminCaller caller, string? id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.Role.IsPlatformStaff() || string.IsNullOrWhiteSpace(id) || id.Length > 100)
        {
            return new AdminResult<RegistrationView>.NotFound();
        }

        var request = await db.RegistrationRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return request is null ? new AdminResult<RegistrationView>.NotFound() : new AdminResult<RegistrationView>.Done(RegistrationView.Of(request));
    }

    public async Task<AdminResult<ApprovedRegistration>> ApproveAsync(AdminCaller caller, string id, string? version, CancellationToken cancellationToken = default)
    {
        if (await DecidableAsync<ApprovedRegistration>(caller, id, version, cancellationToken) is { Refusal: { } refusal })
        {
            return refusal;
        }

        var request = await db.RegistrationRequests.FirstAsync(r => r.Id == id, cancellationToken);
        if (await organizations.TaxIdTakenAsync(request.TaxId, cancellationToken))
        {
            return new AdminResult<ApprovedRegistration>.Invalid(new Dictionary<string, string[]>
            {
                ["taxId"] = ["An organization with this Tax ID is already registered. Reject this request and tell the requester to ask that organization's administrator."],
            });
        }

        var organization = organizations.Add(new OrganizationInputs.Checked(request.OrganizationName, request.TaxId, request.Address, request.Phone, request.Fax));
        var primary = invitations.Add(organization.Id, request.Primary.GivenName, request.Primary.FamilyName, request.Primary.Email, AdministrativeRole.PrimaryAdministrator, caller.UserId);
        var secondary = invitations.Add(organization.Id, request.Secondary.GivenName, request.Secondary.FamilyName, request.Secondary.Email, AdministrativeRole.BackupAdministrator, caller.UserId);
        (request.Status, request.DecidedAt, request.DecidedBy, request.OrganizationId) = (RegistrationStatus.Approved, time.GetUtcNow(), caller.UserId, organization.Id);
        request.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        var reference = audit.Add(caller, "registration.approved", subjectUserId: null, organization.Id, organization.Name);
        await db.SaveChangesAsync(cancellationToken);

        var unsent = new List<string>();
        foreach (var (invitation, secret) in new[] { primary, secondary })
        {
            if (!await invitations.MailAsync(invitation, secret, caller.UserId, reference, cancellationToken))
            {
                unsent.Add(invitation.Email);
            }
        }

        var now = time.GetUtcNow();
        return new AdminResult<ApprovedRegistration>.Done(
            new ApprovedRegistration(OrganizationView.Of(organization), InvitationView.Of(primary.Invitation, now), InvitationView.Of(secondary.Invitation, now)),
            unsent.Count == 0 ? null : $"The organization is registered, but the invitation email could not be sent to {string.Join(" and ", unsent)}. Resend it from your pending invitations.",
            reference);
    }

    public async Task<AdminResult<RegistrationView>> RejectAsync(AdminCaller caller, string id, string? version, string? reason, CancellationToken cancellationToken = default)
    {
        if (await DecidableAsync<RegistrationView>(caller, id, version, cancellationToken) is { Refusal: { } refusal })
        {
            return refusal;
        }

        var problems = new FieldProblems();
        var text = problems.Text("reason", reason, "reason the requester will read", MaxReasonLength);
        if (problems.Any)
        {
            return new AdminResult<RegistrationView>.Invalid(problems.ToDictionary());
        }

        var request = await db.RegistrationRequests.FirstAsync(r => r.Id == id, cancellationToken);
        (request.Status, request.DecidedAt, request.DecidedBy, request.RejectionReason) = (RegistrationStatus.Rejected, time.GetUtcNow(), caller.UserId, text);
        request.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        var reference = audit.Add(caller, "registration.rejected", subjectUserId: null, organizationId: null, $"{request.OrganizationName}: {text}");
        await db.SaveChangesAsync(cancellationToken);

        var sent = true;
        foreach (var submitter in new[] { request.Primary, request.Secondary })
        {
            // The requesters have no account yet, and the language of their form is not kept: English.
            sent &= await mail.SendAsync(submitter.Email, RegistrationMail.Rejected(mail.Words(null), submitter.GivenName, request.OrganizationName, text, reference), reference, cancellationToken);
        }

        return new AdminResult<RegistrationView>.Done(RegistrationView.Of(request), sent ? null : "The request is rejected, but the email with the reason could not be sent to the requester.", reference);
    }

    /// <summary>Why the caller cannot decide on this request now, or nothing when they can.</summary>
    private async Task<Decidable<T>> DecidableAsync<T>(AdminCaller caller, string id, string? version, CancellationToken cancellationToken)
    {
        if (!caller.IsPlatformAdministrator)
        {
            return new Decidable<T>(new AdminResult<T>.Forbidden("Only the plan's platform administrators approve or reject registration requests."));
        }

        var request = await db.RegistrationRequests.AsNoTracking().Where(r => r.Id == id).Select(r => new { r.Status, r.ConcurrencyStamp }).FirstOrDefaultAsync(cancellationToken);
        return request switch
        {
            null => new Decidable<T>(new AdminResult<T>.NotFound()),
            _ when request.ConcurrencyStamp != version => new Decidable<T>(new AdminResult<T>.Stale(request.ConcurrencyStamp)),
            { Status: not RegistrationStatus.Pending } => new Decidable<T>(new AdminResult<T>.Invalid(new Dictionary<string, string[]>
            {
                ["status"] = [$"This request was already {request.Status.ToString().ToLowerInvariant()}."],
            })),
            _ => new Decidable<T>(null),
        };
    }

    private sealed record Decidable<T>(AdminResult<T>? Refusal);
}
