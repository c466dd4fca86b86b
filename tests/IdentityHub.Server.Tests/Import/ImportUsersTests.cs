using IdentityHub.Data;
using IdentityHub.Data.Users;
using IdentityHub.Server.Import;
using IdentityHub.Server.Passwords;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Server.Tests.Import;

/// <summary>Bulk import of existing users (A10): files, rows, summary and re-runs.</summary>
public sealed class ImportUsersTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    internal const string Bcrypt = "$2b$04$ABCDEFGHIJKLMNOPQRSTUuY56ksbRvGTzdMRVyNm0OJvB/.mAuxcy";
    private const string Header = "username,given_name,family_name,email,phone,organization,password_hash";

    [Fact]
    public async Task A_csv_file_creates_users_with_their_details_and_a_marked_legacy_hash()
    {
        var name = MfaSteps.NewName("csv");
        var file = await ReadAsync(".csv", $"""
            {Header}
            {name},Rosa,Ramirez,{name}@clinic.example,(650) 555-2652,"Bayview Clinic, Inc.",{Bcrypt}
            """);

        var summary = await RunAsync(file);

        Assert.Equal((1, 1, 0, 0), (summary.Total, summary.Imported, summary.Skipped, summary.Rejected));
        var user = await FindAsync(name);
        Assert.Equal(("Rosa", "Ramirez", name + "@clinic.example", "+16505552652", "Bayview Clinic, Inc."), (user.GivenName, user.FamilyName, user.Email, user.PhoneNumber, user.Organization));
        Assert.Equal(LegacyAwarePasswordHasher.Marker + Bcrypt, user.PasswordHash);
        Assert.NotNull(user.ImportedAt);
        Assert.False(user.EmailConfirmed);
        // Contact details only: the user enrolls a method at first sign-in.
        Assert.Equal(0, await app.QueryAsync(db => db.MfaMethods.CountAsync(m => m.UserId == user.Id)));
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.UserId == user.Id && e.Event == "user.imported")));
    }

    [Fact]
    public async Task A_json_file_imports_the_same_fields_and_names_the_line_of_a_bad_entry()
    {
        var name = MfaSteps.NewName("json");
        var file = await ReadAsync(".json", $$"""
            [
              { "username": "{{name}}", "given_name": "Lee", "family_name": "Park", "email": null,
                "phone": "+44 7400 123456", "organization": "Harbor Agency",
                "password_hash": "pbkdf2_sha256$1000$Na3lt$/fec7NbpU0/dE7z8WilDwYBH8+SDXUa0Y57oB0WdccQ=" },
              { "username": "{{name}}-2", "given_name": "Kim", "family_name": 7, "password_hash": "x" },
              "not an object"
            ]
            """);

        var summary = await RunAsync(file);

        Assert.Equal((3, 1, 0, 2), (summary.Total, summary.Imported, summary.Skipped, summary.Rejected));
        Assert.Equal("+447400123456", (await FindAsync(name)).PhoneNumber);
        Assert.Contains(summary.NotImported, row => row.Line == 5 && row.Reason!.Contains("'family_name' must be text", StringComparison.Ordinal));
        Assert.Contains(summary.NotImported, row => row.Line == 6 && row.Reason == "The entry is not an object.");
    }

    [Fact]
    public async Task Another_person_under_a_username_already_imported_is_a_conflict_naming_both()
    {
        var name = MfaSteps.NewName("conflict");
        await RunAsync(await ReadAsync(".csv", $"""
            {Header}
            {name},Ana,Lopez,ana@clinic.example,,,{Bcrypt}
            """));

        var second = await RunAsync(await ReadAsync(".csv", $"""
            {Header}
            {name},Bea,Moreno,bea@agency.example,,,{Bcrypt}
            """));

        Assert.Equal((0, 0, 1), (second.Imported, second.Skipped, second.Rejected));
        var reason = Assert.Single(second.NotImported).Reason!;
        Assert.StartsWith("Conflict:", reason, StringComparison.Ordinal);
        Assert.Contains("Ana Lopez, ana@clinic.example", reason, StringComparison.Ordinal);
        Assert.Contains("Bea Moreno, bea@agency.example", reason, StringComparison.Ordinal);
        Assert.Equal("Ana", (await FindAsync(name)).GivenName);
    }

    [Fact]
    public async Task Running_the_same_file_again_skips_every_row_already_imported()
    {
        var name = MfaSteps.NewName("again");
        var file = await ReadAsync(".csv", $"""
            {Header}
            {name},Ana,Lopez,,,,{Bcrypt}
            {name}-b,Ben,Lopez,,,,sha256$s4lt$b1fc2bd7832d16d2c16d837c73adb5b7ff087fb308a593188edfe57cb07915e0
            {name}-c,,Lopez,,,,{Bcrypt}
            """);

        var first = await RunAsync(file);
        var stamp = (await FindAsync(name)).ConcurrencyStamp;
        var second = await RunAsync(file);

        Assert.Equal((2, 0, 1), (first.Imported, first.Skipped, first.Rejected));
        Assert.Equal((0, 2, 1), (second.Imported, second.Skipped, second.Rejected));
        Assert.All(second.NotImported.Where(row => row.Result == RowResult.Skipped), row => Assert.Equal("Already imported; left unchanged.", row.Reason));
        Assert.Equal(stamp, (await FindAsync(name)).ConcurrencyStamp);
    }

    [Fact]
    public async Task A_dry_run_checks_every_row_and_saves_nothing()
    {
        var name = MfaSteps.NewName("dry");
        var file = await ReadAsync(".csv", $"{Header}\n{name},Ana,Lopez,,,,{Bcrypt}\n");

        var summary = await RunAsync(file, dryRun: true);

        Assert.Equal(1, summary.Imported);
        Assert.Null(await FindOrNullAsync(name));
    }

    [Theory]
    [InlineData("bad;name,Ana,Lopez,,,,{hash}", "cannot contain these characters: ;")]
    [InlineData(",Ana,Lopez,,,,{hash}", "Enter a username.")]
    [InlineData("{name},,Lopez,,,,{hash}", "given_name is empty")]
    [InlineData("{name},Ana,,,,,{hash}", "family_name is empty")]
    [InlineData("{name},Ana,Lopez,not-an-email,,,{hash}", "The email 'not-an-email' is not an address")]
    [InlineData("{name},Ana,Lopez,,12345,,{hash}", "The phone '12345' is not a valid number")]
    [InlineData("{name},Ana,Lopez,,,,", "password_hash: The password hash is empty.")]
    [InlineData("{name},Ana,Lopez,,,,hunter2", "password_hash: Unknown password hash format")]
    [InlineData("{name},Ana,Lopez,,,,pbkdf2_sha256$99999999$salt$AAAAAAAAAAAAAAAAAAAAAA==", "above the 3000000 accepted")]
    [InlineData("{name},Ana,Lopez,,,", "The row has 6 field(s); the header has 7.")]
    public async Task Each_bad_row_is_rejected_with_its_line_and_reason_and_the_rest_go_on(string row, string reason)
    {
        var name = MfaSteps.NewName("rule");
        var good = MfaSteps.NewName("good");
        var file = await ReadAsync(".csv", $"{Header}\n{row.Replace("{name}", name).Replace("{hash}", Bcrypt)}\n{good},Ana,Lopez,,,,{Bcrypt}\n");

        var summary = await RunAsync(file);

        var rejected = Assert.Single(summary.NotImported);
        Assert.Equal((2, RowResult.Rejected), (rejected.Line, rejected.Result));
        Assert.Contains(reason, rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(1, summary.Imported);
        Assert.NotNull(await FindOrNullAsync(good));
    }

    [Fact]
    public async Task Long_names_and_organizations_are_rejected()
    {
        var file = await ReadAsync(".csv", $"{Header}\n{MfaSteps.NewName("long")},{new string('a', 101)},Lopez,,,{new string('o', 201)},{Bcrypt}\n");

        var reason = Assert.Single((await RunAsync(file)).NotImported).Reason;

        Assert.Contains("given_name is longer than 100 characters", reason, StringComparison.Ordinal);
        Assert.Contains("organization can be at most 200 characters", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_username_twice_in_the_file_is_rejected_the_second_time()
    {
        var name = MfaSteps.NewName("twice");
        var file = await ReadAsync(".csv", $"{Header}\n{name},Ana,Lopez,,,,{Bcrypt}\n{name.ToUpperInvariant()},Ana,Lopez,,,,{Bcrypt}\n");

        var rejected = Assert.Single((await RunAsync(file)).NotImported);

        Assert.Equal((3, "The username is already on line 2 of this file."), (rejected.Line, rejected.Reason));
    }

    [Fact]
    public async Task A_username_held_by_an_account_created_here_is_rejected_not_overwritten()
    {
        var existing = await app.CreateUserAsync(MfaSteps.NewName("native"));
        var file = await ReadAsync(".csv", $"{Header}\n{existing.UserName},Ana,Lopez,,,,{Bcrypt}\n");

        var rejected = Assert.Single((await RunAsync(file)).NotImported);

        Assert.Equal(RowResult.Rejected, rejected.Result);
        Assert.Contains("not by an import", rejected.Reason, StringComparison.Ordinal);
        Assert.False(LegacyAwarePasswordHasher.IsLegacy((await FindAsync(existing.UserName!)).PasswordHash));
    }

    [Theory]
    [InlineData(".csv", "", "The file is empty")]
    [InlineData(".csv", "username,given_name,password_hash,shoe_size\n", "unknown column(s) 'shoe_size'; missing column(s) family_name")]
    [InlineData(".csv", "username,given_name,family_name,password_hash\n\"open,Ana,Lopez,x\n", "Line 2: a quoted field is not closed")]
    [InlineData(".json", "{ \"username\": \"a\" }", "must hold a JSON array")]
    [InlineData(".json", "[ { \"username\": \"a\" ", "not valid JSON")]
    public async Task A_malformed_file_is_refused_as_a_whole_with_a_clear_message(string extension, string content, string message)
    {
        var file = await ReadAsync(extension, content);

        Assert.Contains(message, file.Error, StringComparison.Ordinal);
        Assert.Empty(file.Rows);
    }

    [Fact]
    public async Task A_missing_file_is_reported_not_thrown()
    {
        var file = await ImportFile.ReadAsync(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".csv"), ImportFormat.Csv);

        Assert.StartsWith("Cannot read", file.Error, StringComparison.Ordinal);
    }

    private static async Task<ImportFile> ReadAsync(string extension, string content)
    {
        var path = Path.Combine(Path.GetTempPath(), "import-" + Guid.NewGuid().ToString("N") + extension);
        await File.WriteAllTextAsync(path, content);
        try
        {
            return await ImportFile.ReadAsync(path, ImportFile.FormatOf(path)!.Value);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task<ImportSummary> RunAsync(ImportFile file, bool dryRun = false)
    {
        Assert.Null(file.Error);
        return await new UserImport(app.Services.GetRequiredService<IServiceScopeFactory>(), app.Clock).RunAsync(file.Rows, dryRun);
    }

    private async Task<IdentityHubUser> FindAsync(string userName) => await FindOrNullAsync(userName) ?? throw new InvalidOperationException($"No user {userName}.");

    private async Task<IdentityHubUser?> FindOrNullAsync(string userName)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<IdentityHubUser>>().FindByNameAsync(userName);
    }
}
