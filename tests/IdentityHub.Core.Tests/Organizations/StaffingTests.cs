using IdentityHub.Core.Organizations;
using static IdentityHub.Core.Organizations.AdministrativeRole;

namespace IdentityHub.Core.Tests.Organizations;

public sealed class StaffingTests
{
    [Fact]
    public void A_primary_and_a_backup_is_how_it_should_be()
    {
        var staffing = Staffing.Of([PrimaryAdministrator, BackupAdministrator, GeneralUser]);

        Assert.Null(staffing.Refusal);
        Assert.Null(staffing.Warning);
    }

    [Fact]
    public void Without_a_primary_administrator_the_change_is_refused()
    {
        var staffing = Staffing.Of([BackupAdministrator, GeneralUser]);

        Assert.Equal("An organization must keep its primary administrator. Name another primary administrator first.", staffing.Refusal);
        Assert.Null(staffing.Warning);
    }

    [Fact]
    public void Two_primary_administrators_are_refused()
    {
        Assert.Equal("An organization has one primary administrator. Make the current one a backup administrator first.",
            Staffing.Of([PrimaryAdministrator, PrimaryAdministrator]).Refusal);
    }

    [Fact]
    public void Without_a_backup_the_change_goes_through_with_a_warning()
    {
        var staffing = Staffing.Of([PrimaryAdministrator, GeneralUser]);

        Assert.Null(staffing.Refusal);
        Assert.StartsWith("This organization has no backup administrator.", staffing.Warning);
    }

    [Theory]
    [InlineData(GeneralUser, true, false, false)]
    [InlineData(BackupAdministrator, true, true, false)]
    [InlineData(PrimaryAdministrator, true, true, false)]
    [InlineData(HelpDesk, false, false, true)]
    [InlineData(PlatformAdministrator, false, false, true)]
    public void What_each_role_is(AdministrativeRole role, bool inOrganization, bool administers, bool platform)
    {
        Assert.Equal(inOrganization, role.BelongsToAnOrganization());
        Assert.Equal(administers, role.AdministersOrganization());
        Assert.Equal(platform, role.IsPlatformStaff());
    }
}
