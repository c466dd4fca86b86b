namespace IdentityHub.Core.Mfa;

/// <summary>
/// The text of a code message for one portal and language. Placeholders: <c>{code}</c>, <c>{spoken-code}</c>
/// (digits separated so a voice reads them slowly) and <c>{portal}</c>. The defaults, the plans' wording in
/// each language, are the token server's texts (MessageText: CodeMessage.EmailSubject, CodeMessage.EmailBody, CodeMessage.SmsBody,
/// CodeMessage.VoiceBody).
/// </summary>
public sealed class CodeMessageTemplate
{
    /// <summary>Subject of the email.</summary>
    public string EmailSubject { get; set; } = "";

    /// <summary>Body of the email.</summary>
    public string EmailBody { get; set; } = "";

    /// <summary>Text message.</summary>
    public string SmsBody { get; set; } = "";

    /// <summary>What the phone call says.</summary>
    public string VoiceBody { get; set; } = "";
}
