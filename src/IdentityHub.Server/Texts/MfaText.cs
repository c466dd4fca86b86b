namespace IdentityHub.Server.Texts;

/// <summary>The texts of the code challenge, enrollment wizard, recovery codes and passkey pages: MfaText.resx (English) and MfaText.es.resx (Spanish).</summary>
public sealed class MfaText;
