using IdentityHub.Administration;
using IdentityHub.Core.Organizations;
using Microsoft.Extensions.Options;

namespace IdentityHub.Admin.Hosting;

/// <summary>Refuses to start with settings the admin host cannot work with, naming each key.</summary>
internal sealed class AdminHostOptionsValidator(IConfiguration configuration) : IValidateOptions<AdminHostOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminHostOptions options)
    {
        var failures = new List<string>();
        var issuer = configuration[TokenServerLinks.IssuerKey];
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            failures.Add($"{TokenServerLinks.IssuerKey} must be the token server's public address (for example https://login.example-plan.com/): the admin host validates the tokens it issues and links to its pages.");
        }

        for (var i = 0; i < options.ServiceClients.Count; i++)
        {
            var client = options.ServiceClients[i];
            var key = $"{AdminHostOptions.Section}:ServiceClients:{i}";
            if (string.IsNullOrWhiteSpace(client.ClientId))
            {
                failures.Add($"{key}:ClientId is required.");
            }

            if (!Enum.IsDefined(client.Role) || client.Role == AdministrativeRole.GeneralUser)
            {
                failures.Add($"{key}:Role must be PlatformAdministrator, HelpDesk, PrimaryAdministrator or BackupAdministrator.");
            }
            else if (client.Role.BelongsToAnOrganization() && string.IsNullOrWhiteSpace(client.OrganizationId))
            {
                failures.Add($"{key}:OrganizationId is required for the role {client.Role}.");
            }
            else if (!client.Role.BelongsToAnOrganization() && !string.IsNullOrWhiteSpace(client.OrganizationId))
            {
                failures.Add($"{key}:OrganizationId must be empty for the role {client.Role}, which belongs to the plan.");
            }
        }

        if (options.ServiceClients.GroupBy(client => client.ClientId, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1) is { } twice)
        {
            failures.Add($"{AdminHostOptions.Section}:ServiceClients names '{twice.Key}' more than once.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
