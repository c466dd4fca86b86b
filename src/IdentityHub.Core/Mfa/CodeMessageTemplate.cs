namespace IdentityHub.Core.Mfa;

/// <summary>
/// The text of a code message for one portal and language. Placeholders: <c>{code}</c>, <c>{spoken-code}</c>
/// (digits separated so a voice reads them slowly) and <c>{portal}</c>. The defaults are the plans' wording.
/// </summary>
public sealed class CodeMessageTemplate
{
    /// <summary>Subject of the email.</summary>
    public string EmailSubject { get; set; } = "Your account security code.";

    /// <summary>Body of the email.</summary>
    public string EmailBody { get; set; } = "Please use security code {code} to log in to your health plan portal account.";

    /// <summary>Text message.</summary>
    public string SmsBody { get; set; } = "Please use security code {code} to log in to your health plan portal account.";

    /// <summary>What the phone call says.</summary>
    public string VoiceBody { get; set; } = "Hello. Your health plan portal security code is {spoken-code}. Again, your code is {spoken-code}.";
}
