using IdentityHub.Admin.Console;
using IdentityHub.Administration;
using IdentityHub.Administration.Clients;
using Microsoft.AspNetCore.Mvc;

namespace IdentityHub.Admin.Pages.Clients;

/// <summary>
/// A platform administrator issues a client a new secret (a sensitive action), shown once in the answer; the one it
/// replaces keeps working for the overlap chosen, so the portal can be redeployed without an outage.
/// </summary>
public sealed class SecretModel(ClientRegistry registry, SensitiveActions sensitive) : ClientPage
{
    /// <summary>The overlaps offered, in days (0: the old secret stops at once).</summary>
    public static readonly IReadOnlyList<int> Overlaps = [0, 1, 7, 30];

    [BindProperty]
    public int? OverlapDays { get; set; } = 7;

    public ClientView Current { get; private set; } = null!;

    public DateTimeOffset? PreviousSecretExpiresAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(registry, id, cancellationToken) is not { } client)
        {
            return NotFound();
        }

        Current = client;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(registry, id, cancellationToken) is not { } client)
        {
            return NotFound();
        }

        if (RefuseChange(sensitive) is { } refusal)
        {
            return refusal;
        }

        ModelState.Clear();
        Current = client;
        if (OverlapDays is not { } days || !Overlaps.Contains(days))
        {
            ModelState.AddModelError(nameof(OverlapDays), Text["ConsoleSecret.ChooseOverlap"]);
            return Page();
        }

        var result = await registry.RotateSecretAsync(Caller, id, TimeSpan.FromDays(days), cancellationToken);
        switch (result)
        {
            case AdminResult<ClientView>.Done { Value.ClientSecret: { } secret } done:
                Current = done.Value;
                PreviousSecretExpiresAt = done.Value.PreviousSecretExpiresAt;
                Show(new ShownSecret(Text["ConsoleSecret.Issued", done.Value.Metadata.ClientName ?? done.Value.ClientId], done.Reference, Text["ConsoleClient.Secret"], secret, done.Value.ClientId));
                return Page();
            case AdminResult<ClientView>.Invalid invalid:
                foreach (var message in invalid.Problems.Values.SelectMany(messages => messages))
                {
                    ModelState.AddModelError(nameof(OverlapDays), message);
                }

                return Page();
            default:
                return ShowRefusal(result) ?? Page();
        }
    }
}
