using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Administration.Invitations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace IdentityHub.Admin.Pages.Invitations;

/// <summary>The invitations this administrator sent that are still waiting, with resend (a fresh link) and cancel.</summary>
public sealed class IndexModel(InvitationRegister register) : ConsolePage
{
    public IReadOnlyList<InvitationView> Pending { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Pending = await register.ListPendingAsync(Caller, cancellationToken);

    public async Task<IActionResult> OnPostResendAsync(string? id, string? version, CancellationToken cancellationToken)
    {
        var result = await register.ResendAsync(Caller, id ?? "", version, cancellationToken);
        return await AfterAsync(result, invitation => Text["ConsoleInvitations.Resent", $"{invitation.GivenName} {invitation.FamilyName}"], cancellationToken);
    }

    public async Task<IActionResult> OnPostCancelAsync(string? id, string? version, CancellationToken cancellationToken)
    {
        var result = await register.CancelAsync(Caller, id ?? "", version, cancellationToken);
        return await AfterAsync(result, invitation => Text["ConsoleInvitations.Cancelled", $"{invitation.GivenName} {invitation.FamilyName}"], cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(AdminResult<InvitationView> result, Func<InvitationView, LocalizedString> message, CancellationToken cancellationToken)
    {
        if (result is AdminResult<InvitationView>.Done done)
        {
            Remember(done, message(done.Value));
            return RedirectToPage();
        }

        if (ShowRefusal(result) is { } notFound)
        {
            return notFound;
        }

        await OnGetAsync(cancellationToken);
        return Page();
    }
}
