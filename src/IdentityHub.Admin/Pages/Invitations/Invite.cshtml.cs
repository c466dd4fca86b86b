using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Administration.Invitations;
using IdentityHub.Administration.Organizations;
using IdentityHub.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdentityHub.Admin.Pages.Invitations;

/// <summary>
/// Invite a person: first name, last name, email and office (no username). A platform administrator chooses
/// the organization; an organization's administrator invites into their own.
/// </summary>
public sealed class InviteModel(
    InvitationRegister register, OrganizationDirectory organizations, IdentityHubDbContext db, IOptionsMonitor<InvitationOptions> invitations) : ConsolePage
{
    /// <summary>How long the invitation's link works, in words ("72 hours").</summary>
    public string LinkLifetime => ConsoleDurations.Of(Text, invitations.CurrentValue.LinkLifetime);

    [BindProperty]
    public InvitationForm Input { get; set; } = new();

    public IReadOnlyList<OrganizationView> Organizations { get; private set; } = [];

    public IReadOnlyList<(string Id, string Name)> Offices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await ChoicesAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var result = await register.CreateAsync(Caller, Input.ToInput(), cancellationToken);
        if (result is AdminResult<InvitationView>.Done done)
        {
            Remember(done, Text["ConsoleInvite.Done", $"{done.Value.GivenName} {done.Value.FamilyName}", done.Value.Email]);
            return RedirectToPage("Index");
        }

        if (ShowRefusal(result) is { } notFound)
        {
            return notFound;
        }

        await ChoicesAsync(cancellationToken);
        return Page();
    }

    /// <summary>The organizations a platform administrator chooses from, and the offices of the caller's organization.</summary>
    private async Task ChoicesAsync(CancellationToken cancellationToken)
    {
        if (Caller.IsPlatformAdministrator)
        {
            Organizations = (await organizations.ListAsync(Caller, new OrganizationQuery(PageSize: OrganizationQuery.MaxPageSize), cancellationToken)).Items;
        }

        if (Caller.OrganizationId is { } own)
        {
            var offices = await db.OrganizationLocations.AsNoTracking().Where(l => l.OrganizationId == own).OrderBy(l => l.Name)
                .Select(l => new { l.Id, l.Name }).ToListAsync(cancellationToken);
            Offices = [.. offices.Select(office => (office.Id, office.Name))];
        }
    }
}
