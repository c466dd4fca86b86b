namespace IdentityHub.Server.Texts;

/// <summary>The texts of the account profile and security pages: AccountText.resx (English) and AccountText.es.resx (Spanish).</summary>
public sealed class AccountText;
