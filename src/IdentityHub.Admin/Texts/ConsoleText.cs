namespace IdentityHub.Admin.Texts;

/// <summary>
/// The texts of the administration console: its frame and navigation, every page, their messages and the
/// words for roles, account states and audit events. ConsoleText.resx (English) and ConsoleText.es.resx (Spanish).
/// The API's problem details stay English (they are for integrators).
/// </summary>
public sealed class ConsoleText;
