using IdentityHub.Administration.Invitations;
using IdentityHub.Administration.Organizations;
using IdentityHub.Administration.Registrations;
using IdentityHub.Core.Organizations;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Administration.Tests.Registrations;

/// <summary>The emails of a registration request (D2): the receipt, the two invitations on approval, the reason on rejection.</summary>
public sealed class RegistrationEmailTests(AdministrationDatabase database) : IClassFixture<AdministrationDatabase>
{
    [Fact]
    public async Task Both_administrators_get_a_receipt_with_the_reference_and_then_their_invitations()
    {
        var (input, primary, secondary) = Request();
        var submitted = Assert.IsType<AdminResult<RegistrationView>.Done>(await InScope(d => d.SubmitAsync(input, null)));

        Assert.NotNull(submitted.Reference);
        foreach (var address in new[] { primary, secondary })
        {
            var receipt = Assert.Single(database.Sent.To(address));
            Assert.Equal(MailText.English("AdminMail.RegistrationReceived.Subject"), receipt.Subject);
            Assert.Contains($"Reference number: {submitted.Reference}", receipt.Body, StringComparison.Ordinal);
            Assert.Contains("to register Harbor Pediatrics", receipt.Body, StringComparison.Ordinal);
        }

        var platform = await database.PersonAsync(AdministrativeRole.PlatformAdministrator);
        var approved = Assert.IsType<AdminResult<ApprovedRegistration>.Done>(await InScope(d => d.ApproveAsync(platform, submitted.Value.Id, submitted.Value.Version)));

        Assert.Null(approved.Warning);
        var first = database.Sent.LatestTo(primary);
        Assert.Equal(MailText.English("AdminMail.Invitation.Subject"), first.Subject);
        Assert.Contains("You will be its primary administrator", first.Body, StringComparison.Ordinal);
        Assert.Contains("You will be its backup administrator", database.Sent.LatestTo(secondary).Body, StringComparison.Ordinal);
        Assert.Equal(approved.Reference, first.Reference);
        Assert.True((await database.InScopeAsync(s => s.GetRequiredService<InvitationRegister>().OpenAsync(database.Sent.LinkSecretTo(secondary)))).IsUsable);
    }

    [Fact]
    public async Task A_rejection_emails_the_reason_and_a_failed_email_is_a_warning()
    {
        var (input, primary, secondary) = Request();
        var submitted = Assert.IsType<AdminResult<RegistrationView>.Done>(await InScope(d => d.SubmitAsync(input, null))).Value;
        var platform = await database.PersonAsync(AdministrativeRole.PlatformAdministrator);

        var rejected = Assert.IsType<AdminResult<RegistrationView>.Done>(await InScope(d => d.RejectAsync(platform, submitted.Id, submitted.Version, "We could not confirm the practice's Tax ID.")));

        Assert.Null(rejected.Warning);
        foreach (var address in new[] { primary, secondary })
        {
            var message = database.Sent.LatestTo(address);
            Assert.Equal(MailText.English("AdminMail.RegistrationRejected.Subject"), message.Subject);
            Assert.Contains("We could not confirm the practice's Tax ID.", message.Body, StringComparison.Ordinal);
            Assert.Equal(rejected.Reference, message.Reference);
        }

        var (other, _, _) = Request();
        var pending = Assert.IsType<AdminResult<RegistrationView>.Done>(await InScope(d => d.SubmitAsync(other, null))).Value;
        database.Sent.Failing = true;
        try
        {
            var unsent = Assert.IsType<AdminResult<ApprovedRegistration>.Done>(await InScope(d => d.ApproveAsync(platform, pending.Id, pending.Version)));
            Assert.StartsWith("The organization is registered, but the invitation email could not be sent to ", unsent.Warning, StringComparison.Ordinal);
        }
        finally
        {
            database.Sent.Failing = false;
        }
    }

    private static (RegistrationInput Input, string Primary, string Secondary) Request()
    {
        var taxId = AdministrationDatabase.NewTaxId();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (primary, secondary) = ($"ana.{tag}@harbor.example", $"ben.{tag}@harbor.example");
        return (new RegistrationInput(
            new OrganizationInput("Harbor Pediatrics", taxId, taxId, new AddressInput("5 Harbor Way", null, "Buffalo", "NY", "14202"), "716-555-0100", null),
            new AdministratorInput("Ana", "Lopez", primary, "716-555-0101"),
            new AdministratorInput("Ben", "Okafor", secondary, "716-555-0102")), primary, secondary);
    }

    private Task<T> InScope<T>(Func<RegistrationDesk, Task<T>> work) =>
        database.InScopeAsync(services => work(services.GetRequiredService<RegistrationDesk>()));
}
