using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityHub.Data.Organizations;

/// <summary>How organizations, their offices, invitations and registration requests are stored.</summary>
internal static class OrganizationModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Organization>(organization =>
        {
            organization.Property(o => o.Id).HasMaxLength(32);
            organization.Property(o => o.Name).HasMaxLength(200);
            organization.Property(o => o.TaxId).HasMaxLength(9);
            organization.Property(o => o.Phone).HasMaxLength(32);
            organization.Property(o => o.Fax).HasMaxLength(32);
            organization.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
            organization.Property(o => o.ConcurrencyStamp).HasMaxLength(32).IsConcurrencyToken();
            organization.ComplexProperty(o => o.Address, Address);
            organization.HasIndex(o => o.TaxId).IsUnique();
            organization.HasIndex(o => o.Name);
            organization.HasMany(o => o.Locations).WithOne().HasForeignKey(l => l.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<OrganizationLocation>(location =>
        {
            location.Property(l => l.Id).HasMaxLength(32);
            location.Property(l => l.OrganizationId).HasMaxLength(32);
            location.Property(l => l.Name).HasMaxLength(200);
            location.Property(l => l.Phone).HasMaxLength(32);
            location.Property(l => l.ConcurrencyStamp).HasMaxLength(32).IsConcurrencyToken();
            location.ComplexProperty(l => l.Address, Address);
        });

        builder.Entity<Invitation>(invitation =>
        {
            invitation.Property(i => i.Id).HasMaxLength(32);
            invitation.Property(i => i.OrganizationId).HasMaxLength(32);
            invitation.Property(i => i.GivenName).HasMaxLength(100);
            invitation.Property(i => i.FamilyName).HasMaxLength(100);
            invitation.Property(i => i.Email).HasMaxLength(256);
            invitation.Property(i => i.LocationId).HasMaxLength(32);
            invitation.Property(i => i.Role).HasConversion<string>().HasMaxLength(32);
            invitation.Property(i => i.ClientId).HasMaxLength(100);
            invitation.Property(i => i.CreatedBy).HasMaxLength(450);
            invitation.Property(i => i.TokenHash).HasMaxLength(64);
            invitation.Property(i => i.AcceptedUserId).HasMaxLength(450);
            invitation.Property(i => i.ConcurrencyStamp).HasMaxLength(32).IsConcurrencyToken();
            invitation.HasIndex(i => i.TokenHash).IsUnique();
            invitation.HasIndex(i => new { i.OrganizationId, i.CreatedBy, i.LastSentAt });
            invitation.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<RegistrationRequest>(request =>
        {
            request.Property(r => r.Id).HasMaxLength(32);
            request.Property(r => r.OrganizationName).HasMaxLength(200);
            request.Property(r => r.TaxId).HasMaxLength(9);
            request.Property(r => r.Phone).HasMaxLength(32);
            request.Property(r => r.Fax).HasMaxLength(32);
            request.Property(r => r.SubmittedFrom).HasMaxLength(64);
            request.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            request.Property(r => r.DecidedBy).HasMaxLength(450);
            request.Property(r => r.RejectionReason).HasMaxLength(1000);
            request.Property(r => r.OrganizationId).HasMaxLength(32);
            request.Property(r => r.ConcurrencyStamp).HasMaxLength(32).IsConcurrencyToken();
            request.ComplexProperty(r => r.Address, Address);
            request.ComplexProperty(r => r.Primary, Administrator);
            request.ComplexProperty(r => r.Secondary, Administrator);
            request.HasIndex(r => new { r.Status, r.SubmittedAt });
        });
    }

    private static void Address(ComplexPropertyBuilder<PostalAddress> address)
    {
        address.Property(a => a.Line1).HasMaxLength(200);
        address.Property(a => a.Line2).HasMaxLength(200);
        address.Property(a => a.City).HasMaxLength(100);
        address.Property(a => a.State).HasMaxLength(2);
        address.Property(a => a.PostalCode).HasMaxLength(10);
    }

    private static void Administrator(ComplexPropertyBuilder<RequestedAdministrator> administrator)
    {
        administrator.Property(a => a.GivenName).HasMaxLength(100);
        administrator.Property(a => a.FamilyName).HasMaxLength(100);
        administrator.Property(a => a.Email).HasMaxLength(256);
        administrator.Property(a => a.Phone).HasMaxLength(32);
    }
}
