using IdentityHub.Accounts;
using IdentityHub.Administration.People;
using IdentityHub.Core.Organizations;
using IdentityHub.Data;
using IdentityHub.Data.Mfa;
using IdentityHub.Data.Sessions;
using IdentityHub.Data.Throttling;
using IdentityHub.Data.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IdentityHub.Core.Organizations.AdministrativeRole;

namespace IdentityHub.Administration.Tests.People;

/// <summary>
/// Administrators' actions on one account (D6) and the plan's staff acting for anyone (D8): who may do
/// what, stale versions, what each action changes, and the emails the person gets.
/// </summary>
public sealed class AccountActionsTests(AdministrationDatabase database) : IClassFixture<AdministrationDatabase>
{
    [Fact]
    public async Task Another_organizations_people_are_not_found_for_every_action()
    {
        var (primary, _) = await OrganizationWithPrimaryAsync();
        var (_, elsewhere) = await OrganizationWithPrimaryAsync();
        var stranger = await PersonAsync(GeneralUser, elsewhere);
        var version = await VersionAsync(stranger.Id);

        foreach (var action in Actions)
        {
            Assert.IsType<AdminResult<PersonView>.NotFound>(await InScope(a => action(a, primary, stranger.Id, version)));
        }

        Assert.IsType<AdminResult<PersonView>.NotFound>(await InScope(a => a.DisableAsync(primary, "no-such-person", version)));
        Assert.Null(await database.QueryAsync(db => db.Users.Where(u => u.Id == stranger.Id).Select(u => u.DisabledByAdministratorAt).SingleAsync()));
    }

    [Fact]
    public async Task The_help_desk_only_unlocks_and_starts_resets_and_a_general_user_does_nothing()
    {
        var (_, organization) = await OrganizationWithPrimaryAsync();
        var person = await PersonAsync(GeneralUser, organization);
        var helpDesk = await database.PersonAsync(HelpDesk);
        var generalUser = new AdminCaller((await PersonAsync(GeneralUser, organization)).Id, GeneralUser, organization);

        foreach (var refused in new[] { Actions[0], Actions[1], Actions[3], Actions[4] })
        {
            var answer = Assert.IsType<AdminResult<PersonView>.Forbidden>(await InScope(async a => await refused(a, helpDesk, person.Id, await VersionAsync(person.Id))));
            Assert.StartsWith("The help desk unlocks accounts and starts password resets", answer.Reason);
        }

        Assert.IsType<AdminResult<PersonView>.Forbidden>(await InScope(async a =>
            await a.ChangeDetailsAsync(helpDesk, person.Id, await VersionAsync(person.Id), new PersonDetailsInput("Ann", "Lee", null))));
        Assert.IsType<AdminResult<PersonView>.Done>(await InScope(async a => await a.UnlockAsync(helpDesk, person.Id, await VersionAsync(person.Id))));
        Assert.IsType<AdminResult<PersonView>.Done>(await InScope(async a => await a.StartPasswordResetAsync(helpDesk, person.Id, await VersionAsync(person.Id))));
        foreach (var action in Actions)
        {
            Assert.IsType<AdminResult<PersonView>.Forbidden>(await InScope(async a => await action(a, generalUser, person.Id, await VersionAsync(person.Id))));
        }
    }

    [Fact]
    public async Task A_stale_or_missing_version_is_refused_with_the_current_one()
    {
        var (primary, organization) = await OrganizationWithPrimaryAsync();
        var person = await PersonAsync(GeneralUser, organization);
        var read = await VersionAsync(person.Id);
        Assert.IsType<AdminResult<PersonView>.Done>(await InScope(a => a.EndSessionsAsync(primary, person.Id, read)));
        var current = await VersionAsync(person.Id);

        var stale = Assert.IsType<AdminResult<PersonView>.Stale>(await InScope(a => a.DisableAsync(primary, person.Id, read)));
        var missing = Assert.IsType<AdminResult<PersonView>.Stale>(await InScope(a => a.DisableAsync(primary, person.Id, null)));

        Assert.Equal(current, stale.Current);
        Assert.Equal(current, missing.Current);
        Assert.NotEqual(read, current);
    }

    [Fact]
    public async Task Nobody_turns_off_or_resets_their_own_sign_in_here()
    {
        var platform = await database.PersonAsync(PlatformAdministrator);

        var off = Assert.IsType<AdminResult<PersonView>.Forbidden>(await InScope(async a => await a.DisableAsync(platform, platform.UserId, await VersionAsync(platform.UserId))));
        var reset = Assert.IsType<AdminResult<PersonView>.Forbidden>(await InScope(async a => await a.ResetMfaAsync(platform, platform.UserId, await VersionAsync(platform.UserId))));

        Assert.Equal("You cannot turn off your own account. Ask another administrator.", off.Reason);
        Assert.StartsWith("You cannot reset your own sign-in methods here.", reset.Reason);
    }

    [Fact]
    public async Task Only_a_platform_administrator_turns_off_a_primary_administrator_and_is_warned()
    {
        var (primary, organization) = await OrganizationWithPrimaryAsync();
        var backup = await database.PersonAsync(BackupAdministrator, organization);
        var platform = await database.PersonAsync(PlatformAdministrator);

        var refused = Assert.IsType<AdminResult<PersonView>.Forbidden>(await InScope(async a => await a.DisableAsync(backup, primary.UserId, await VersionAsync(primary.UserId))));
        var done = Assert.IsType<AdminResult<PersonView>.Done>(await InScope(async a => await a.DisableAsync(platform, primary.UserId, await VersionAsync(primary.UserId))));

        Assert.StartsWith("Only a platform administrator can turn off an organization's primary administrator.", refused.Reason);
        Assert.StartsWith("This organization's primary administrator is turned off.", done.Warning);
        Assert.True(done.Value.IsDisabled);
    }

    [Fact]
    public async Task Turning_off_ends_every_session_and_remembered_device_and_turning_on_lets_the_person_back()
    {
        var (primary, organization) = await OrganizationWithPrimaryAsync();
        var person = await PersonAsync(GeneralUser, organization);
        await SignedInAsync(person.Id);

        var off = Assert.IsType<AdminResult<PersonView>.Done>(await InScope(async a => await a.DisableAsync(primary, person.Id, await VersionAsync(person.Id))));

        Assert.True(off.Value.IsDisabled);
        Assert.Equal(0, await database.QueryAsync(db => db.Sessions.CountAsync(s => s.UserId == person.Id && s.EndedAt == null)));
        Assert.Equal(SessionEndReasons.AccountDisabled, await database.QueryAsync(db => db.Sessions.Where(s => s.UserId == person.Id).Select(s => s.EndReason).SingleAsync()));
        Assert.Equal(0, await database.QueryAsync(db => db.RememberedDevices.CountAsync(d => d.UserId == person.Id && d.RevokedAt == null)));
        var audited = await database.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.Reference == off.Reference));
        Assert.Equal(("person.disabled", primary.UserId, organization), (audited.Event, audited.ActorId, audited.OrganizationId));
        Assert.Equal(off.Value.Version, await VersionAsync(person.Id));

        var on = Assert.IsType<AdminResult<PersonView>.Done>(await InScope(a => a.EnableAsync(primary, person.Id, off.Value.Version)));
        Assert.False(on.Value.IsDisabled);
        Assert.False(on.Value.IsLockedOut);
        Assert.Equal("person.enabled", await database.QueryAsync(db => db.AuditEvents.Where(e => e.Reference == on.Reference).Select(e => e.Event).SingleAsync()));
    }

    [Fact]
    public async Task Unlocking_clears_the_second_factor_lock_the_password_lockout_and_wrong_password_counts()
    {
        var (primary, organization) = await OrganizationWithPrimaryAsync();
        var person = await PersonAsync(GeneralUser, organization);
        var now = database.Clock.GetUtcNow();
        await database.QueryAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == person.Id);
            (user.MfaFailedAttempts, user.MfaLockedUntil, user.AccessFailedCount, user.LockoutEnd) = (5, now.AddMinutes(15), 3, now.AddMinutes(15));
            db.RateLimitCounters.Add(new RateLimitCounter
            {
                Policy = RateLimitKeys.WrongPasswords, PartitionKey = RateLimitKeys.Key(person.UserName!, "203.0.113.9"),
                WindowStart = now.ToUnixTimeSeconds(), Count = 5, ExpiresAt = now.AddMinutes(15).ToUnixTimeSeconds(),
            });
            return await db.SaveChangesAsync();
        });
        Assert.True((await FindAsync(primary, person.Id)).IsLockedOut);

        var unlocked = Assert.IsType<AdminResult<PersonView>.Done>(await InScope(async a => await a.UnlockAsync(primary, person.Id, await VersionAsync(person.Id))));

        var user = await database.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == person.Id));
        Assert.Equal((0, (DateTimeOffset?)null, 0, (DateTimeOffset?)null), (user.MfaFailedAttempts, user.MfaLockedUntil, user.AccessFailedCount, user.LockoutEnd));
        Assert.Equal(0, await database.QueryAsync(db => db.RateLimitCounters.CountAsync(c => c.Policy == RateLimitKeys.WrongPasswords && c.PartitionKey.StartsWith(RateLimitKeys.PrefixOf(person.UserName!)))));
        Assert.False(unlocked.Value.IsLockedOut);
        Assert.Equal("unlocked", await database.QueryAsync(db => db.AuditEvents.Where(e => e.Reference == unlocked.Reference).Select(e => e.Detail).SingleAsync()));
    }

    [Fact]
    public async Task Resetting_mfa_removes_every_method_ends_sessions_and_tells_the_person()
    {
        var (primary, organization) = await OrganizationWithPrimaryAsync();
        var person = await PersonAsync(GeneralUser, organization);
        await SignedInAsync(person.Id);
        await database.QueryAsync(db =>
        {
            var now = database.Clock.GetUtcNow();
            db.MfaMethods.Add(new MfaMethod { UserId = person.Id, Kind = Core.Mfa.MfaMethodKind.Sms, Destination = "+15185550123", CreatedAt = now });
            db.MfaMethods.Add(new MfaMethod { UserId = person.Id, Kind = Core.Mfa.MfaMethodKind.Totp, Destination = "Phone app", ProtectedSecret = "protected", CreatedAt = now });
            db.RecoveryCodes.Add(new RecoveryCodeRecord { UserId = person.Id, Hash = "hash", Salt = "salt", CreatedAt = now });
            db.UserPasskeys.Add(new Microsoft.AspNetCore.Identity.IdentityUserPasskey<string>
            {
                UserId = person.Id,
                CredentialId = [1, 2, 3, 4],
                Data = new Microsoft.AspNetCore.Identity.IdentityPasskeyData { PublicKey = [5, 6], Name = "Laptop", CreatedAt = now, ClientDataJson = [7], AttestationObject = [8] },
            });
            return db.SaveChangesAsync();
        });

        var reset = Assert.IsType<AdminResult<PersonView>.Done>(await InScope(async a => await a.ResetMfaAsync(primary, person.Id, await VersionAsync(person.Id))));

        Assert.Equal(0, await database.QueryAsync(db => db.MfaMethods.CountAsync(m => m.UserId == person.Id)));
        Assert.Equal(0, await database.QueryAsync(db => db.RecoveryCodes.CountAsync(c => c.UserId == person.Id)));
        Assert.Equal(0, await database.QueryAsync(db => db.UserPasskeys.CountAsync(p => p.UserId == person.Id)));
        Assert.Equal(0, await database.QueryAsync(db => db.RememberedDevices.CountAsync(d => d.UserId == person.Id && d.RevokedAt == null)));
        Assert.Equal(0, await database.QueryAsync(db => db.Sessions.CountAsync(s => s.UserId == person.Id && s.EndedAt == null)));
        var audited = await database.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.Reference == reset.Reference));
        Assert.Equal("person.mfa_reset", audited.Event);
        Assert.StartsWith("2 method(s), 1 passkey(s) and 1 recovery code(s) removed; 1 session(s) ended", audited.Detail);
        var notice = Assert.Single(database.Sent.To(person.Email!));
        Assert.Equal(MailText.English("AdminMail.MfaReset.Subject"), notice.Subject);
        Assert.Equal(reset.Reference, notice.Reference);
        Assert.Contains("walk you through setting up a new way", notice.Body);
        Assert.Contains(reset.Reference!, notice.Body);
    }

    [Fact]
    public async Task A_person_who_saved_Spanish_gets_the_reset_and_password_link_emails_in_Spanish()
    {
        var (primary, organization) = await OrganizationWithPrimaryAsync();
        var person = await PersonAsync(GeneralUser, organization);
        await database.QueryAsync(db => db.Users.Where(u => u.Id == person.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.PreferredLanguage, "es")));

        var reset = Assert.IsType<AdminResult<PersonView>.Done>(await InScope(async a => await a.ResetMfaAsync(primary, person.Id, await VersionAsync(person.Id))));
        Assert.IsType<AdminResult<PersonView>.Done>(await InScope(async a => await a.StartPasswordResetAsync(primary, person.Id, await VersionAsync(person.Id))));

        var (notice, link) = (database.Sent.To(person.Email!)[0], database.Sent.To(person.Email!)[1]);
        Assert.Equal("Se restableció la seguridad de su inicio de sesión", notice.Subject);
        Assert.StartsWith("Hola, Pat:", notice.Body, StringComparison.Ordinal);
        Assert.Contains($"deles este número de referencia: {reset.Reference}.", notice.Body, StringComparison.Ordinal);
        Assert.EndsWith($"Número de referencia: {reset.Reference}", notice.Body, StringComparison.Ordinal);
        Assert.Equal(MailText.Spanish("AdminMail.PasswordLink.Subject"), link.Subject);
        Assert.Contains("El enlace funciona una sola vez, durante 24 horas.", link.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_reset_link_is_emailed_works_once_dies_when_replaced_and_expires_after_a_day()
    {
        var (primary, organization) = await OrganizationWithPrimaryAsync();
        var person = await PersonAsync(GeneralUser, organization);

        var first = Assert.IsType<AdminResult<PersonView>.Done>(await InScope(async a => await a.StartPasswordResetAsync(primary, person.Id, await VersionAsync(person.Id))));
        var firstSecret = SecretIn(Assert.Single(database.Sent.To(person.Email!)).Body);
        Assert.Equal(person.Id, (await UsableAsync(firstSecret))?.Id);
        var stored = await database.QueryAsync(db => db.Users.Where(u => u.Id == person.Id).Select(u => u.PasswordChoiceHash).SingleAsync());
        Assert.Equal(Core.Secrets.BearerSecrets.Hash(firstSecret), stored);

        Assert.IsType<AdminResult<PersonView>.Done>(await InScope(a => a.StartPasswordResetAsync(primary, person.Id, first.Value.Version)));
        var secondMessage = database.Sent.To(person.Email!)[1];
        var secondSecret = SecretIn(secondMessage.Body);
        Assert.Null(await UsableAsync(firstSecret));
        Assert.Equal(person.Id, (await UsableAsync(secondSecret))?.Id);
        Assert.Contains("The link works once, for 24 hours.", secondMessage.Body);
        Assert.DoesNotContain("password:", secondMessage.Body, StringComparison.OrdinalIgnoreCase);

        database.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        Assert.NotNull(await UsableAsync(secondSecret));
        database.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await UsableAsync(secondSecret));

        Assert.IsType<AdminResult<PersonView>.Done>(await InScope(async a => await a.StartPasswordResetAsync(primary, person.Id, await VersionAsync(person.Id))));
        var third = SecretIn(database.Sent.To(person.Email!)[2].Body);
        await database.InScopeAsync(async services =>
        {
            var user = (await services.GetRequiredService<PasswordChoiceLinks>().FindUsableAsync(third))!;
            PasswordChoiceLinks.UseUp(user);
            return await services.GetRequiredService<IdentityHubDbContext>().SaveChangesAsync();
        });
        Assert.Null(await UsableAsync(third));
    }

    [Fact]
    public async Task A_reset_for_someone_without_an_email_says_so_and_a_failed_email_is_a_warning()
    {
        var (primary, organization) = await OrganizationWithPrimaryAsync();
        var without = await database.PersonAsync(GeneralUser, organization);
        var person = await PersonAsync(GeneralUser, organization);

        var invalid = Assert.IsType<AdminResult<PersonView>.Invalid>(await InScope(async a => await a.StartPasswordResetAsync(primary, without.UserId, await VersionAsync(without.UserId))));
        Assert.StartsWith("This person has no email address", Assert.Single(invalid.Problems["email"]));

        database.Sent.Failing = true;
        try
        {
            var done = Assert.IsType<AdminResult<PersonView>.Done>(await InScope(async a => await a.StartPasswordResetAsync(primary, person.Id, await VersionAsync(person.Id))));
            Assert.Equal("The email to this person could not be sent just now. Try again in a few minutes.", done.Warning);
        }
        finally
        {
            database.Sent.Failing = false;
        }
    }

    [Fact]
    public async Task Changing_details_names_each_mistake_and_keeps_offices_within_the_organization()
    {
        var (primary, organization) = await OrganizationWithPrimaryAsync();
        var (_, elsewhere) = await OrganizationWithPrimaryAsync();
        var person = await PersonAsync(GeneralUser, organization);
        var office = await OfficeAsync(organization);
        var foreignOffice = await OfficeAsync(elsewhere);

        var invalid = Assert.IsType<AdminResult<PersonView>.Invalid>(await InScope(async a =>
            await a.ChangeDetailsAsync(primary, person.Id, await VersionAsync(person.Id), new PersonDetailsInput(" ", new string('x', 101), foreignOffice))));
        Assert.Equal(["Enter the person's first name."], invalid.Problems["givenName"]);
        Assert.Equal(["Enter a last name of at most 100 characters."], invalid.Problems["familyName"]);
        Assert.Equal(["Choose one of the organization's offices."], invalid.Problems["locationId"]);

        var done = Assert.IsType<AdminResult<PersonView>.Done>(await InScope(async a =>
            await a.ChangeDetailsAsync(primary, person.Id, await VersionAsync(person.Id), new PersonDetailsInput(" Rosa ", "Ramirez", office))));
        Assert.Equal(("Rosa", "Ramirez", office), (done.Value.GivenName, done.Value.FamilyName, done.Value.LocationId));
        Assert.Equal("person.details_changed", await database.QueryAsync(db => db.AuditEvents.Where(e => e.Reference == done.Reference).Select(e => e.Event).SingleAsync()));
    }

    private static readonly Func<AccountActions, AdminCaller, string, string?, Task<AdminResult<PersonView>>>[] Actions =
    [
        (a, c, id, v) => a.DisableAsync(c, id, v),
        (a, c, id, v) => a.EnableAsync(c, id, v),
        (a, c, id, v) => a.UnlockAsync(c, id, v),
        (a, c, id, v) => a.ResetMfaAsync(c, id, v),
        (a, c, id, v) => a.EndSessionsAsync(c, id, v),
        (a, c, id, v) => a.StartPasswordResetAsync(c, id, v),
        (a, c, id, v) => a.ChangeDetailsAsync(c, id, v, new PersonDetailsInput("Ann", "Lee", null)),
    ];

    private static string SecretIn(string body)
    {
        var start = body.IndexOf("https://login.example-plan.test/Account/Password/Choose?code=", StringComparison.Ordinal);
        Assert.True(start >= 0, body);
        var link = body[start..body.IndexOf('\n', start)];
        return Uri.UnescapeDataString(link[(link.IndexOf("code=", StringComparison.Ordinal) + 5)..]);
    }

    private Task<IdentityHubUser?> UsableAsync(string secret) =>
        database.InScopeAsync(services => services.GetRequiredService<PasswordChoiceLinks>().FindUsableAsync(secret));

    private async Task<(AdminCaller Primary, string OrganizationId)> OrganizationWithPrimaryAsync()
    {
        var organization = await database.OrganizationAsync("Actions " + Guid.NewGuid().ToString("N")[..6]);
        return (await database.PersonAsync(PrimaryAdministrator, organization.Id), organization.Id);
    }

    /// <summary>A person with an email address, as an invitation would have made them.</summary>
    private Task<IdentityHubUser> PersonAsync(AdministrativeRole role, string organizationId) => database.QueryAsync(async db =>
    {
        var name = "person-" + Guid.NewGuid().ToString("N")[..10];
        var user = new IdentityHubUser
        {
            UserName = name, NormalizedUserName = name.ToUpperInvariant(), Email = name + "@example-practice.test",
            NormalizedEmail = (name + "@example-practice.test").ToUpperInvariant(), GivenName = "Pat", FamilyName = "Jones",
            AdministrativeRole = role, OrganizationId = organizationId, LockoutEnabled = true,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    });

    private Task<string> OfficeAsync(string organizationId) => database.QueryAsync(async db =>
    {
        var office = new Data.Organizations.OrganizationLocation
        {
            OrganizationId = organizationId, Name = "Main office",
            Address = new Data.Organizations.PostalAddress { Line1 = "2 Main Street", City = "Albany", State = "NY", PostalCode = "12207" },
        };
        db.OrganizationLocations.Add(office);
        await db.SaveChangesAsync();
        return office.Id;
    });

    /// <summary>A live session record and a remembered device, as a sign-in on the token server leaves them.</summary>
    private Task<int> SignedInAsync(string userId) => database.QueryAsync(db =>
    {
        var now = database.Clock.GetUtcNow();
        db.Sessions.Add(new ServerSession
        {
            Id = Guid.NewGuid().ToString("N"), UserId = userId, CreatedAt = now, LastSeenAt = now, ExpiresAt = now.AddHours(8),
            AuthenticatedAt = now, Methods = "pwd otp", Acr = "urn:test", Device = "Chrome on Windows",
        });
        db.RememberedDevices.Add(new RememberedDevice
        {
            UserId = userId, TokenHash = Guid.NewGuid().ToString("N"), Acr = "urn:test", Methods = "otp", Description = "Chrome on Windows",
            CreatedAt = now, ExpiresAt = now.AddDays(30),
        });
        return db.SaveChangesAsync();
    });

    private Task<string?> VersionAsync(string id) =>
        database.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.ConcurrencyStamp).SingleAsync());

    private Task<PersonView> FindAsync(AdminCaller caller, string id) =>
        database.InScopeAsync(async services => (await services.GetRequiredService<PeopleDirectory>().FindAsync(caller, id))!);

    private Task<T> InScope<T>(Func<AccountActions, Task<T>> work) =>
        database.InScopeAsync(services => work(services.GetRequiredService<AccountActions>()));
}
