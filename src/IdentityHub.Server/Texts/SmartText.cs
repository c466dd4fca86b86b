namespace IdentityHub.Server.Texts;

/// <summary>The texts of SMART App Launch: health-record scopes in plain words, the consent page's choices and the unlinked-account notice: SmartText.resx (English) and SmartText.es.resx (Spanish).</summary>
public sealed class SmartText;
