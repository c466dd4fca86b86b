namespace IdentityHub.Server.Texts;

/// <summary>The texts of the sign-in page, passkey sign-in, sign-out, consent, portal landing, error and home pages: SignInText.resx (English) and SignInText.es.resx (Spanish).</summary>
public sealed class SignInText;
