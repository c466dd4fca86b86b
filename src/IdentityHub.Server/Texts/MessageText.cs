namespace IdentityHub.Server.Texts;

/// <summary>The texts of the emails, text messages and voice calls sent to people: MessageText.resx (English) and MessageText.es.resx (Spanish).</summary>
public sealed class MessageText;
