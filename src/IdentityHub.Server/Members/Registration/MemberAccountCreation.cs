using IdentityHub.Data;
using IdentityHub.Data.Members;
using IdentityHub.Data.Users;
using IdentityHub.Server.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Members.Registration;

/// <summary>What became of creating a member's account.</summary>
public abstract record AccountCreation
{
    private AccountCreation()
    {
    }

    public sealed record Created(IdentityHubUser User, string Reference) : AccountCreation;

    /// <summary>The member was linked to another account meanwhile (another browser finished first).</summary>
    public sealed record MemberTaken : AccountCreation;

    /// <summary>Someone took the username meanwhile.</summary>
    public sealed record UsernameTaken : AccountCreation;
}

/// <summary>
/// Creates a proved member's account (A15) once the email code is right: the user (email confirmed, names from the
/// roster when it has them, the password hash chosen earlier) and its member link, in ONE save, so nothing is
/// half-made. The unique keys (a member has one account; usernames are unique) settle a race: the loser gets the
/// matching answer, never an error page.
/// </summary>
public sealed class MemberAccountCreation(IdentityHubDbContext db, ILookupNormalizer normalizer, AuditLog audit, TimeProvider time)
{
    public async Task<AccountCreation> CreateAsync(RegistrationState state, string? language, string? clientId, CancellationToken cancellationToken = default)
    {
        if (await db.MemberAccounts.AnyAsync(link => link.MemberId == state.MemberId, cancellationToken))
        {
            return new AccountCreation.MemberTaken();
        }

        var normalizedName = normalizer.NormalizeName(state.UserName);
        if (await db.Users.AnyAsync(user => user.NormalizedUserName == normalizedName, cancellationToken))
        {
            return new AccountCreation.UsernameTaken();
        }

        var now = time.GetUtcNow();
        var user = new IdentityHubUser
        {
            UserName = state.UserName,
            NormalizedUserName = normalizedName,
            Email = state.Email,
            NormalizedEmail = normalizer.NormalizeEmail(state.Email),
            EmailConfirmed = true,
            PasswordHash = state.PasswordHash,
            GivenName = state.GivenName,
            FamilyName = state.FamilyName,
            PreferredLanguage = language,
            CreatedAt = now,
            PasswordChangedAt = now,
        };
        db.Users.Add(user);
        db.MemberAccounts.Add(new MemberAccount { MemberId = state.MemberId, UserId = user.Id, PatientId = state.PatientId, ProvedBy = state.ProvedBy, LinkedAt = now });
        var reference = audit.Add("member.account_created", "succeeded", user.Id, clientId, $"member {state.MemberId} proved by {state.ProvedBy}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new AccountCreation.Created(user, reference);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.MemberAccounts.AnyAsync(link => link.MemberId == state.MemberId, cancellationToken))
            {
                return new AccountCreation.MemberTaken();
            }

            if (await db.Users.AnyAsync(other => other.NormalizedUserName == normalizedName, cancellationToken))
            {
                return new AccountCreation.UsernameTaken();
            }

            throw;
        }
    }
}
