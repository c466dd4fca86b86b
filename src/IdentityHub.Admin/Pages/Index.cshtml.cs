using IdentityHub.Admin.Console;
using IdentityHub.Administration.Organizations;
using Microsoft.Extensions.Options;

namespace IdentityHub.Admin.Pages;

/// <summary>The console's home: who you are, your organization, what you can do.</summary>
public sealed class IndexModel(OrganizationDirectory organizations, IOptionsMonitor<ConsoleOptions> options) : ConsolePage
{
    /// <summary>The name the sign-in gave, or null (the page then says "an administrator").</summary>
    public string? DisplayName => User.FindFirst("name")?.Value ?? User.FindFirst("preferred_username")?.Value;

    public OrganizationView? Organization { get; private set; }

    public double FreshMinutes => Math.Round(options.CurrentValue.FreshSignIn.TotalMinutes);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (Caller.OrganizationId is { } organizationId)
        {
            Organization = await organizations.FindAsync(Caller, organizationId, cancellationToken);
        }
    }
}
