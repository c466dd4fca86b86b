using IdentityHub.Data.Accounts;
using IdentityHub.Data.Audit;
using IdentityHub.Data.Keys;
using IdentityHub.Data.Mfa;
using IdentityHub.Data.Organizations;
using IdentityHub.Data.Secrets;
using IdentityHub.Data.Sessions;
using IdentityHub.Data.Terms;
using IdentityHub.Data.Throttling;
using IdentityHub.Data.Users;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Data;

/// <summary>
/// The one database of the token server: ASP.NET Core Identity (schema version 3, with passkeys),
/// OpenIddict's applications, authorizations, scopes and tokens, the Data Protection key ring
/// and the token signing keys. Each provider has a subclass that owns its migrations.
/// </summary>
public abstract class IdentityHubDbContext(DbContextOptions options)
    : IdentityDbContext<IdentityHubUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<StoredKey> SigningKeys => Set<StoredKey>();

    public DbSet<MfaMethod> MfaMethods => Set<MfaMethod>();

    public DbSet<OneTimeCodeRecord> OneTimeCodes => Set<OneTimeCodeRecord>();

    public DbSet<RememberedDevice> RememberedDevices => Set<RememberedDevice>();

    public DbSet<RecoveryCodeRecord> RecoveryCodes => Set<RecoveryCodeRecord>();

    public DbSet<TermsVersion> TermsVersions => Set<TermsVersion>();

    public DbSet<TermsAcceptance> TermsAcceptances => Set<TermsAcceptance>();

    public DbSet<PasswordHistoryEntry> PasswordHistory => Set<PasswordHistoryEntry>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<SecurityAnswer> SecurityAnswers => Set<SecurityAnswer>();

    public DbSet<ServerSecret> ServerSecrets => Set<ServerSecret>();

    public DbSet<ServerSession> Sessions => Set<ServerSession>();

    public DbSet<ServerSessionClient> SessionClients => Set<ServerSessionClient>();

    public DbSet<RateLimitCounter> RateLimitCounters => Set<RateLimitCounter>();

    public DbSet<LogoutDelivery> LogoutDeliveries => Set<LogoutDelivery>();

    public DbSet<Clients.InitialAccessToken> InitialAccessTokens => Set<Clients.InitialAccessToken>();

    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<OrganizationLocation> OrganizationLocations => Set<OrganizationLocation>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<RegistrationRequest> RegistrationRequests => Set<RegistrationRequest>();

    public DbSet<AuditArchive> AuditArchives => Set<AuditArchive>();

    public DbSet<Governance.SecurityProfile> SecurityProfiles => Set<Governance.SecurityProfile>();

    public DbSet<Governance.OrganizationProfile> OrganizationProfiles => Set<Governance.OrganizationProfile>();

    public DbSet<Governance.UserProfile> UserProfiles => Set<Governance.UserProfile>();

    public DbSet<Governance.AccessReview> AccessReviews => Set<Governance.AccessReview>();

    public DbSet<Members.RosterMember> RosterMembers => Set<Members.RosterMember>();

    public DbSet<Members.MemberAccount> MemberAccounts => Set<Members.MemberAccount>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();

        builder.Entity<IdentityHubUser>(user =>
        {
            user.Property(u => u.GivenName).HasMaxLength(100);
            user.Property(u => u.FamilyName).HasMaxLength(100);
            user.Property(u => u.Organization).HasMaxLength(200);
            user.Property(u => u.OrganizationId).HasMaxLength(32);
            user.Property(u => u.LocationId).HasMaxLength(32);
            user.Property(u => u.AdministrativeRole).HasConversion<string>().HasMaxLength(32).HasDefaultValue(Core.Organizations.AdministrativeRole.GeneralUser);
            user.HasIndex(u => new { u.OrganizationId, u.AdministrativeRole });
            user.Property(u => u.PasswordChoiceHash).HasMaxLength(64);
            user.HasIndex(u => u.PasswordChoiceHash).IsUnique();
            user.HasOne<Organization>().WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Restrict);
            user.HasOne<OrganizationLocation>().WithMany().HasForeignKey(u => u.LocationId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<StoredKey>(key =>
        {
            key.ToTable("SigningKeys");
            key.Property(k => k.Id).HasMaxLength(64);
            key.Property(k => k.Algorithm).HasMaxLength(16);
            key.Property(k => k.Use).HasConversion<string>().HasMaxLength(16);
            // Two nodes rotating at once compute the same activation time: one insert wins.
            key.HasIndex(k => new { k.Use, k.ActivatesAt }).IsUnique();
        });

        builder.Entity<MfaMethod>(method =>
        {
            method.Property(m => m.Id).HasMaxLength(32);
            method.Property(m => m.UserId).HasMaxLength(450);
            method.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
            method.Property(m => m.Destination).HasMaxLength(320);
            method.Property(m => m.ProtectedSecret).HasMaxLength(1000);
            method.HasIndex(m => m.UserId);
            method.HasOne<IdentityHubUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<RateLimitCounter>(counter =>
        {
            counter.ToTable("RateLimitCounters");
            counter.HasKey(c => new { c.Policy, c.PartitionKey, c.WindowStart });
            counter.Property(c => c.Policy).HasMaxLength(64);
            counter.Property(c => c.PartitionKey).HasMaxLength(128);
            counter.HasIndex(c => c.ExpiresAt);
        });

        builder.Entity<OneTimeCodeRecord>(code =>
        {
            code.Property(c => c.Id).HasMaxLength(32);
            code.Property(c => c.UserId).HasMaxLength(450);
            code.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
            code.Property(c => c.SentTo).HasMaxLength(320);
            code.Property(c => c.Purpose).HasMaxLength(32);
            code.Property(c => c.Binding).HasMaxLength(64);
            code.Property(c => c.Hash).HasMaxLength(64);
            code.Property(c => c.Salt).HasMaxLength(32);
            code.HasIndex(c => new { c.UserId, c.IssuedAt });
            code.HasOne<IdentityHubUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<RememberedDevice>(device =>
        {
            device.Property(d => d.Id).HasMaxLength(32);
            device.Property(d => d.UserId).HasMaxLength(450);
            device.Property(d => d.TokenHash).HasMaxLength(64);
            device.Property(d => d.Acr).HasMaxLength(64);
            device.Property(d => d.Methods).HasMaxLength(200);
            device.Property(d => d.Description).HasMaxLength(200);
            device.HasIndex(d => d.TokenHash).IsUnique();
            device.HasIndex(d => d.UserId);
            device.HasOne<IdentityHubUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<RecoveryCodeRecord>(code =>
        {
            code.ToTable("RecoveryCodes");
            code.Property(c => c.Id).HasMaxLength(32);
            code.Property(c => c.UserId).HasMaxLength(450);
            code.Property(c => c.Hash).HasMaxLength(64);
            code.Property(c => c.Salt).HasMaxLength(32);
            code.HasIndex(c => c.UserId);
            code.HasOne<IdentityHubUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<TermsVersion>(terms =>
        {
            terms.Property(t => t.Id).HasMaxLength(32);
            terms.Property(t => t.Version).HasMaxLength(32);
            terms.Property(t => t.Title).HasMaxLength(200);
            terms.HasIndex(t => t.Version).IsUnique();
            terms.HasIndex(t => t.PublishedAt);
        });

        builder.Entity<TermsAcceptance>(acceptance =>
        {
            acceptance.Property(a => a.Id).HasMaxLength(32);
            acceptance.Property(a => a.UserId).HasMaxLength(450);
            acceptance.Property(a => a.TermsVersionId).HasMaxLength(32);
            acceptance.Property(a => a.TypedName).HasMaxLength(200);
            acceptance.Property(a => a.IpAddress).HasMaxLength(64);
            acceptance.HasIndex(a => new { a.UserId, a.TermsVersionId });
            acceptance.HasOne<IdentityHubUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
            acceptance.HasOne<TermsVersion>().WithMany().HasForeignKey(a => a.TermsVersionId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<PasswordHistoryEntry>(entry =>
        {
            entry.ToTable("PasswordHistory");
            entry.Property(e => e.Id).HasMaxLength(32);
            entry.Property(e => e.UserId).HasMaxLength(450);
            entry.Property(e => e.PasswordHash).HasMaxLength(500);
            entry.HasIndex(e => new { e.UserId, e.ChangedAt });
            entry.HasOne<IdentityHubUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SecurityAnswer>(answer =>
        {
            answer.Property(a => a.Id).HasMaxLength(32);
            answer.Property(a => a.UserId).HasMaxLength(450);
            answer.Property(a => a.QuestionId).HasMaxLength(64);
            answer.Property(a => a.Question).HasMaxLength(200);
            answer.Property(a => a.Hash).HasMaxLength(64);
            answer.Property(a => a.Salt).HasMaxLength(32);
            answer.HasIndex(a => new { a.UserId, a.QuestionId }).IsUnique();
            answer.HasOne<IdentityHubUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ServerSecret>(secret =>
        {
            secret.HasKey(s => s.Name);
            secret.Property(s => s.Name).HasMaxLength(64);
            secret.Property(s => s.ProtectedValue).HasMaxLength(1000);
        });

        builder.Entity<ServerSession>(session =>
        {
            session.ToTable("Sessions");
            session.Property(s => s.Id).HasMaxLength(32);
            session.Property(s => s.UserId).HasMaxLength(450);
            session.Property(s => s.EndReason).HasMaxLength(32);
            session.Property(s => s.Methods).HasMaxLength(200);
            session.Property(s => s.Acr).HasMaxLength(64);
            session.Property(s => s.Device).HasMaxLength(200);
            session.Property(s => s.NetworkAddress).HasMaxLength(64);
            session.HasIndex(s => new { s.UserId, s.EndedAt });
            session.HasIndex(s => s.ExpiresAt);
            session.HasOne<IdentityHubUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
            session.HasMany(s => s.Clients).WithOne().HasForeignKey(c => c.SessionId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ServerSessionClient>(client =>
        {
            client.ToTable("SessionClients");
            client.HasKey(c => new { c.SessionId, c.ClientId });
            client.Property(c => c.SessionId).HasMaxLength(32);
            client.Property(c => c.ClientId).HasMaxLength(100);
            client.Property(c => c.ProfileId).HasMaxLength(32);
        });

        builder.Entity<LogoutDelivery>(delivery =>
        {
            delivery.ToTable("LogoutDeliveries");
            delivery.HasKey(d => d.Id);
            delivery.Property(d => d.Id).HasMaxLength(32);
            delivery.Property(d => d.SessionId).HasMaxLength(32);
            delivery.Property(d => d.ClientId).HasMaxLength(100);
            delivery.Property(d => d.UserId).HasMaxLength(450);
            delivery.Property(d => d.Uri).HasMaxLength(2000);
            delivery.Property(d => d.LastError).HasMaxLength(500);
            delivery.HasIndex(d => d.NextAttemptAt);
            delivery.HasIndex(d => d.CreatedAt);
        });

        builder.Entity<Clients.InitialAccessToken>(token =>
        {
            token.ToTable("InitialAccessTokens");
            token.HasKey(t => t.Id);
            token.Property(t => t.Id).HasMaxLength(32);
            token.Property(t => t.TokenHash).HasMaxLength(64);
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.Property(t => t.Description).HasMaxLength(200);
            token.Property(t => t.OrganizationId).HasMaxLength(32);
            token.Property(t => t.CreatedBy).HasMaxLength(450);
            token.Property(t => t.Policy).HasMaxLength(4000);
        });

        OrganizationModel.Configure(builder);
        Governance.GovernanceModel.Configure(builder);
        Members.MembersModel.Configure(builder);

        builder.Entity<AuditEvent>(audit =>
        {
            audit.Property(a => a.ActorId).HasMaxLength(450);
            audit.Property(a => a.OrganizationId).HasMaxLength(32);
            audit.HasIndex(a => new { a.OrganizationId, a.OccurredAt });
            audit.Property(a => a.Id).HasMaxLength(32);
            audit.Property(a => a.UserId).HasMaxLength(450);
            audit.Property(a => a.ClientId).HasMaxLength(100);
            audit.Property(a => a.IpAddress).HasMaxLength(64);
            audit.Property(a => a.Event).HasMaxLength(64);
            audit.Property(a => a.Outcome).HasMaxLength(32);
            audit.Property(a => a.Reference).HasMaxLength(16);
            audit.Property(a => a.Device).HasMaxLength(100);
            audit.Property(a => a.Detail).HasMaxLength(1000);
            audit.HasIndex(a => a.Reference);
            audit.HasIndex(a => new { a.UserId, a.OccurredAt });
            audit.Property(a => a.PreviousHash).HasMaxLength(64);
            audit.Property(a => a.Hash).HasMaxLength(64);
            // One record per place in the chain; the records still to seal found without a scan.
            audit.HasIndex(a => a.Sequence).IsUnique();
            audit.HasIndex(a => new { a.OccurredAt, a.Id }).HasFilter("\"Sequence\" IS NULL").HasDatabaseName("IX_AuditEvents_Unsealed");
            // Queries by time range alone (the plan's staff, exports) walk this one.
            audit.HasIndex(a => a.OccurredAt);
        });

        builder.Entity<AuditArchive>(archive =>
        {
            archive.Property(a => a.Id).HasMaxLength(32);
            archive.Property(a => a.StartHash).HasMaxLength(64);
            archive.Property(a => a.HeadHash).HasMaxLength(64);
            archive.Property(a => a.FileName).HasMaxLength(260);
            archive.Property(a => a.FileHash).HasMaxLength(64);
            archive.HasIndex(a => a.LastSequence).IsUnique();
        });
    }
}
