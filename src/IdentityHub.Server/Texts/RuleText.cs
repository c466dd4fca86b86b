namespace IdentityHub.Server.Texts;

/// <summary>The texts of the messages of the account rules (passwords, usernames, codes) shown on any page: RuleText.resx (English) and RuleText.es.resx (Spanish).</summary>
public sealed class RuleText;
