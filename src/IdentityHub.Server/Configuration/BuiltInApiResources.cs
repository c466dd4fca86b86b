using IdentityHub.Core.Organizations;

namespace IdentityHub.Server.Configuration;

/// <summary>The APIs every deployment has, added to <c>IdentityHub:ApiResources</c> unless configured there already.</summary>
internal static class BuiltInApiResources
{
    public static void AddTo(IdentityHubOptions options)
    {
        if (!options.ApiResources.Any(resource => resource.Name == AdministrationScope.Name))
        {
            options.ApiResources.Add(new ApiResourceRegistration { Name = AdministrationScope.Name, DisplayName = AdministrationScope.DisplayName });
        }
    }
}
