using System.Globalization;
using IdentityHub.Admin.Console;
using IdentityHub.Administration.Organizations;
using Microsoft.Extensions.Options;

namespace IdentityHub.Admin.Pages;

/// <summary>The console's home: who you are, your organization, what you can do.</summary>
public sealed class IndexModel(OrganizationDirectory organizations, IOptionsMonitor<ConsoleOptions> options) : ConsolePage
{
    public string DisplayName => User.FindFirst("name")?.Value ?? User.FindFirst("preferred_username")?.Value ?? "an administrator";

    public OrganizationView? Organization { get; private set; }

    public string FreshMinutes => options.CurrentValue.FreshSignIn.TotalMinutes.ToString("0", CultureInfo.InvariantCulture);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (Caller.OrganizationId is { } organizationId)
        {
            Organization = await organizations.FindAsync(Caller, organizationId, cancellationToken);
        }
    }
}
