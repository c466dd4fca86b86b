using IdentityHub.Data.Users;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Data.Members;

/// <summary>How the plan's imported roster and the member-to-account links are stored.</summary>
internal static class MembersModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<RosterMember>(member =>
        {
            member.ToTable("RosterMembers");
            member.HasKey(m => m.NormalizedMemberId);
            member.Property(m => m.NormalizedMemberId).HasMaxLength(64);
            member.Property(m => m.MemberId).HasMaxLength(64);
            member.Property(m => m.GivenName).HasMaxLength(100);
            member.Property(m => m.FamilyName).HasMaxLength(100);
            member.Property(m => m.NormalizedFamilyName).HasMaxLength(100);
            member.Property(m => m.PostalCode).HasMaxLength(5);
            member.Property(m => m.PatientId).HasMaxLength(64);
            member.Property(m => m.Email).HasMaxLength(320);
            member.Property(m => m.ImportBatch).HasMaxLength(32);
            member.HasIndex(m => m.ImportBatch);
        });

        builder.Entity<MemberAccount>(link =>
        {
            link.ToTable("MemberAccounts");
            link.HasKey(l => l.MemberId);
            link.Property(l => l.MemberId).HasMaxLength(64);
            link.Property(l => l.UserId).HasMaxLength(450);
            link.Property(l => l.PatientId).HasMaxLength(64);
            link.Property(l => l.ProvedBy).HasMaxLength(16);
            link.HasIndex(l => l.UserId).IsUnique();
            link.HasOne<IdentityHubUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
