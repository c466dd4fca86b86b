namespace IdentityHub.Server.Texts;

/// <summary>The texts of the pages where members create their own account (A15): MemberText.resx (English) and MemberText.es.resx (Spanish).</summary>
public sealed class MemberText;
