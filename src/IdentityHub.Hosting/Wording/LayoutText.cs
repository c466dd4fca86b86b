namespace IdentityHub.Hosting.Wording;

/// <summary>The texts of every page's frame (header, language switch, footer), in LayoutText.resx and LayoutText.es.resx.</summary>
public sealed class LayoutText;
