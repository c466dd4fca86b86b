using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdentityHub.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddLocationVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ConcurrencyStamp",
                table: "OrganizationLocations",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            // Offices stored before this migration get a version of their own, so that an ETag is never empty.
            migrationBuilder.Sql("UPDATE \"OrganizationLocations\" SET \"ConcurrencyStamp\" = lower(hex(randomblob(16)));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ConcurrencyStamp",
                table: "OrganizationLocations");
        }
    }
}
