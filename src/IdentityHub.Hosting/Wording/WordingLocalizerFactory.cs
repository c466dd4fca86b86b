using Microsoft.Extensions.Localization;

namespace IdentityHub.Hosting.Wording;

/// <summary>Every <see cref="IStringLocalizer{T}"/> the hosts inject is a <see cref="WordingLocalizer"/> over the resource files.</summary>
public sealed class WordingLocalizerFactory(ResourceManagerStringLocalizerFactory resources, WordingOverrides overrides, ICurrentPortal portal, WordingCatalog catalog)
    : IStringLocalizerFactory
{
    /// <summary>Every resource file's texts by key (validation messages use it).</summary>
    public IStringLocalizer AllTexts => field ??= new AllTexts(catalog, this);

    public IStringLocalizer Create(Type resourceSource) => new WordingLocalizer(resources.Create(resourceSource), overrides, portal);

    public IStringLocalizer Create(string baseName, string location) => new WordingLocalizer(resources.Create(baseName, location), overrides, portal);
}
