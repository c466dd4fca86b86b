namespace IdentityHub.Server.Texts;

/// <summary>The texts of the organization registration page: OrganizationText.resx (English) and OrganizationText.es.resx (Spanish).</summary>
public sealed class OrganizationText;
