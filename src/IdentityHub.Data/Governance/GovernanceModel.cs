using IdentityHub.Data.Organizations;
using IdentityHub.Data.Users;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Data.Governance;

/// <summary>How security profiles, their grants and assignments, and access reviews are stored.</summary>
internal static class GovernanceModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<SecurityProfile>(profile =>
        {
            profile.Property(p => p.Id).HasMaxLength(32);
            profile.Property(p => p.ClientId).HasMaxLength(100);
            profile.Property(p => p.Role).HasMaxLength(64);
            profile.Property(p => p.DisplayName).HasMaxLength(100);
            profile.Property(p => p.Description).HasMaxLength(500);
            profile.Property(p => p.ConcurrencyStamp).HasMaxLength(32).IsConcurrencyToken();
            profile.HasIndex(p => new { p.ClientId, p.Role }).IsUnique();
        });

        builder.Entity<OrganizationProfile>(grant =>
        {
            grant.HasKey(g => new { g.OrganizationId, g.ProfileId });
            grant.Property(g => g.OrganizationId).HasMaxLength(32);
            grant.Property(g => g.ProfileId).HasMaxLength(32);
            grant.Property(g => g.GrantedBy).HasMaxLength(450);
            grant.HasIndex(g => g.ProfileId);
            grant.HasOne<Organization>().WithMany().HasForeignKey(g => g.OrganizationId).OnDelete(DeleteBehavior.Cascade);
            grant.HasOne<SecurityProfile>().WithMany().HasForeignKey(g => g.ProfileId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<UserProfile>(assignment =>
        {
            assignment.HasKey(a => new { a.UserId, a.ProfileId });
            assignment.Property(a => a.UserId).HasMaxLength(450);
            assignment.Property(a => a.ProfileId).HasMaxLength(32);
            assignment.Property(a => a.AssignedBy).HasMaxLength(450);
            assignment.HasIndex(a => a.ProfileId);
            assignment.HasOne<IdentityHubUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
            assignment.HasOne<SecurityProfile>().WithMany().HasForeignKey(a => a.ProfileId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AccessReview>(review =>
        {
            review.HasKey(r => r.UserId);
            review.Property(r => r.UserId).HasMaxLength(450);
            review.Property(r => r.ConfirmedBy).HasMaxLength(450);
            review.Property(r => r.ConcurrencyStamp).HasMaxLength(32).IsConcurrencyToken();
            review.HasIndex(r => r.DueAt);
            review.HasOne<IdentityHubUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
