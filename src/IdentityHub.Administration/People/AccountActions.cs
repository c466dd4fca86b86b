using IdentityHub.Accounts;
using IdentityHub.Administration.Texts;
using IdentityHub.Core.Organizations;
using IdentityHub.Data;
using IdentityHub.Data.Sessions;
using IdentityHub.Data.Users;
using IdentityHub.Delivery;
using IdentityHub.Hosting.Wording;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityHub.Administration.People;

/// <summary>
/// What administrators do to one person's account (D6), and the plan's staff for anyone (D8): turn it off
/// and on, unlock it, reset its second factors, end its sessions, start a password reset. One flow for
/// each: the caller must see the person (else "not found"), the rules (<see cref="AccountActionRules"/>)
/// must allow it (else "forbidden"), the version read must be the current one (else "stale"); the change
/// and its audit event are saved together, then sessions end and the person is emailed where the action
/// says so. The answer carries the audit reference.
/// </summary>
public sealed class AccountActions(
    IdentityHubDbContext db,
    AdminAudit audit,
    AccountAccess access,
    AccountSessions sessions,
    MfaResets mfa,
    PasswordChoiceLinks links,
    TokenServerLinks tokenServer,
    IMessageSender sender,
    IOptionsMonitor<AccountActionOptions> options,
    LanguageTexts texts,
    TimeProvider time)
{
    public Task<AdminResult<PersonView>> DisableAsync(AdminCaller caller, string userId, string? version, CancellationToken cancellationToken = default) =>
        ActAsync(caller, userId, version, AccountAction.Disable, person =>
        {
            var warning = person.AdministrativeRole == AdministrativeRole.PrimaryAdministrator
                ? "This organization's primary administrator is turned off. Make someone else primary administrator, or turn this account back on."
                : null;
            access.TurnOff(person);
            return Task.FromResult(new Change("person.disabled", "turned off; every session ended", warning, EndSessions: SessionEndReasons.AccountDisabled));
        }, cancellationToken);

    public Task<AdminResult<PersonView>> EnableAsync(AdminCaller caller, string userId, string? version, CancellationToken cancellationToken = default) =>
        ActAsync(caller, userId, version, AccountAction.Enable, async person =>
        {
            await access.TurnOnAsync(person, cancellationToken);
            return new Change("person.enabled", "turned on; lockout and inactivity cleared");
        }, cancellationToken);

    /// <summary>Ends the second-factor lock (decision 0008), the password lockout and every network's wrong-password count.</summary>
    public Task<AdminResult<PersonView>> UnlockAsync(AdminCaller caller, string userId, string? version, CancellationToken cancellationToken = default) =>
        ActAsync(caller, userId, version, AccountAction.Unlock, async person =>
        {
            var wasLocked = access.IsLocked(person);
            await access.UnlockAsync(person, cancellationToken);
            return new Change("person.unlocked", wasLocked ? "unlocked" : "unlocked (was not locked)");
        }, cancellationToken);

    /// <summary>Every second factor, passkey, recovery code and remembered device goes; sessions end; the person enrolls again at the next sign-in and is told by email.</summary>
    public Task<AdminResult<PersonView>> ResetMfaAsync(AdminCaller caller, string userId, string? version, CancellationToken cancellationToken = default) =>
        ActAsync(caller, userId, version, AccountAction.ResetMfa, async person =>
        {
            var removed = await mfa.ResetAsync(person, cancellationToken);
            return new Change("person.mfa_reset", removed.ToString(), Notice: reference => AccountNotices.MfaReset(MailWords.For(texts, person), person, reference));
        }, cancellationToken);

    /// <summary>Every session, token and remembered device of the person ends.</summary>
    public Task<AdminResult<PersonView>> EndSessionsAsync(AdminCaller caller, string userId, string? version, CancellationToken cancellationToken = default) =>
        ActAsync(caller, userId, version, AccountAction.EndSessions,
            _ => Task.FromResult(new Change("person.sessions_ended", "every session and token ended", EndSessions: SessionEndReasons.Administrator)),
            cancellationToken);

    /// <summary>
    /// Emails the person a single-use link to the token server's page where they choose a new password,
    /// valid for <c>IdentityHub:Administration:PasswordResetLinkLifetime</c>; a newer link kills the older.
    /// The administrator never sets or sees a password, nor the link.
    /// </summary>
    public Task<AdminResult<PersonView>> StartPasswordResetAsync(AdminCaller caller, string userId, string? version, CancellationToken cancellationToken = default) =>
        ActAsync(caller, userId, version, AccountAction.StartPasswordReset, person =>
        {
            if (string.IsNullOrWhiteSpace(person.Email))
            {
                return Task.FromResult<Change>(new Refused(new Dictionary<string, string[]>
                {
                    ["email"] = ["This person has no email address on their account, so no reset link can be sent. Add one first."],
                }));
            }

            var lifetime = options.CurrentValue.PasswordResetLinkLifetime;
            var secret = links.Issue(person, lifetime);
            var link = tokenServer.PasswordChoice(secret);
            return Task.FromResult(new Change("person.password_reset_started", $"reset link sent, valid until {person.PasswordChoiceExpiresAt:O}",
                Notice: reference => AccountNotices.PasswordReset(MailWords.For(texts, person), person, link, lifetime, reference)));
        }, cancellationToken);

    /// <summary>Changes the person's given and family name and office (D6); each mistake is named by its field.</summary>
    public Task<AdminResult<PersonView>> ChangeDetailsAsync(AdminCaller caller, string userId, string? version, PersonDetailsInput input, CancellationToken cancellationToken = default) =>
        ActAsync(caller, userId, version, AccountAction.ChangeDetails, async person =>
        {
            var problems = await PersonDetailsInput.CheckAsync(input, person.OrganizationId, db, cancellationToken);
            if (problems.Count > 0)
            {
                return new Refused(problems);
            }

            var before = $"{person.GivenName} {person.FamilyName}, office {person.LocationId ?? "none"}";
            (person.GivenName, person.FamilyName, person.LocationId) = (input.GivenName!.Trim(), input.FamilyName!.Trim(), PersonDetailsInput.Blank(input.LocationId) ? null : input.LocationId!.Trim());
            return new Change("person.details_changed", $"from {before}");
        }, cancellationToken);

    /// <summary>The flow every action follows; <paramref name="change"/> changes the tracked person and says what to audit.</summary>
    internal async Task<AdminResult<PersonView>> ActAsync(
        AdminCaller caller, string userId, string? version, AccountAction action, Func<IdentityHubUser, Task<Change>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsAdministrator)
        {
            return new AdminResult<PersonView>.Forbidden(AccountActionRules.Refusal(caller, action, userId, default)!);
        }

        var person = await VisiblePersonAsync(caller, userId, cancellationToken);
        if (person is null)
        {
            return new AdminResult<PersonView>.NotFound();
        }

        if (AccountActionRules.Refusal(caller, action, person.Id, person.AdministrativeRole) is { } refusal)
        {
            return new AdminResult<PersonView>.Forbidden(refusal);
        }

        if (version != person.ConcurrencyStamp)
        {
            return new AdminResult<PersonView>.Stale(person.ConcurrencyStamp ?? "");
        }

        var done = await change(person);
        if (done is Refused refused)
        {
            return new AdminResult<PersonView>.Invalid(refused.Problems);
        }

        person.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        var reference = audit.Add(caller, done.Event, person.Id, person.OrganizationId, done.Detail);
        var saved = await VersionedChanges.SaveAsync<bool>(
            db,
            () => new AdminResult<bool>.Done(true),
            token => db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.ConcurrencyStamp).FirstOrDefaultAsync(token),
            cancellationToken);
        switch (saved)
        {
            case AdminResult<bool>.Stale stale:
                return new AdminResult<PersonView>.Stale(stale.Current);
            case AdminResult<bool>.NotFound:
                return new AdminResult<PersonView>.NotFound();
        }

        if (done.EndSessions is { } reason)
        {
            await sessions.EndAllAsync(person, reason, cancellationToken: cancellationToken);
        }

        var warning = done.Warning;
        if (done.Notice is { } notice && !string.IsNullOrWhiteSpace(person.Email))
        {
            if (await sender.SendAsync(notice(reference), cancellationToken) is not DeliveryOutcome.Sent)
            {
                warning = Join(warning, "The email to this person could not be sent just now. Try again in a few minutes.");
            }
        }

        return new AdminResult<PersonView>.Done(PersonView.Of(person, time.GetUtcNow()), warning, reference);
    }

    /// <summary>The person, tracked, when the caller may see them: their own organization's, or anyone for the plan's staff.</summary>
    internal async Task<IdentityHubUser?> VisiblePersonAsync(AdminCaller caller, string? userId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userId) || userId.Length > 100)
        {
            return null;
        }

        var person = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        return person is not null && caller.CanSeePersonOf(person.OrganizationId)
            ? person
            : null;
    }

    private static string Join(string? first, string second) => first is null ? second : first + " " + second;

    /// <summary>What an action changed: its audit event and detail, a warning, sessions to end, and the email to send with the reference.</summary>
    internal record Change(string Event, string Detail, string? Warning = null, string? EndSessions = null, Func<string, DeliveryMessage>? Notice = null);

    /// <summary>The action found a problem with the person or the input, by field; nothing is saved.</summary>
    internal sealed record Refused(IReadOnlyDictionary<string, string[]> Problems) : Change("", "");
}
