using IdentityHub.Delivery;
using IdentityHub.Delivery.Outbox;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Pages.Dev;

/// <summary>
/// The development outbox: the codes IdentityHub would have sent, newest first. Exists only in the
/// Development environment with the outbox enabled; everywhere else it is a 404.
/// </summary>
public sealed class OutboxModel(IHostEnvironment environment, IOptions<DeliveryOptions> delivery) : PageModel
{
    public IReadOnlyList<OutboxEntry> Messages { get; private set; } = [];

    public IActionResult OnGet()
    {
        var outbox = delivery.Value.Outbox;
        if (!environment.IsDevelopment() || !outbox.Enabled || outbox.Folder is null)
        {
            return NotFound();
        }

        Messages = DevOutbox.ReadRecent(outbox.Folder, 50);
        return Page();
    }
}
