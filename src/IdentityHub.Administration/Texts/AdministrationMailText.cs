namespace IdentityHub.Administration.Texts;

/// <summary>
/// The texts of the emails administration sends (invitations, registration decisions, an administrator's
/// password-choice link and second-step reset): AdministrationMailText.resx (English) and
/// AdministrationMailText.es.resx (Spanish). Each goes out in its reader's language (<see cref="MailWords"/>).
/// </summary>
public sealed class AdministrationMailText;
