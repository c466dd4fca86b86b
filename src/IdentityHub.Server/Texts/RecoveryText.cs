namespace IdentityHub.Server.Texts;

/// <summary>The texts of the forgotten username and password, password change and choice, security questions, terms and invitation pages: RecoveryText.resx (English) and RecoveryText.es.resx (Spanish).</summary>
public sealed class RecoveryText;
