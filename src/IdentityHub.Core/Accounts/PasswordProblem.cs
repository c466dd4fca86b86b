namespace IdentityHub.Core.Accounts;

/// <summary>Why a password was refused: one value per rule.</summary>
public enum PasswordProblem
{
    /// <summary>Fewer characters than the policy's minimum.</summary>
    TooShort,

    /// <summary>More characters than the policy's maximum.</summary>
    TooLong,

    /// <summary>Upper- and lower-case letters are required and one kind is missing.</summary>
    NeedsMixedCase,

    /// <summary>A character other than a letter or digit is required and none is there.</summary>
    NeedsSpecialCharacter,

    /// <summary>On the list of common passwords, perhaps with digits or punctuation added at the end.</summary>
    Common,

    /// <summary>Is or contains the username, the email address or the name of the service.</summary>
    ContainsPersonalInfo,

    /// <summary>One of the user's recent passwords (the server compares hashes; see <see cref="PasswordRules.Reused"/>).</summary>
    Reused,

    /// <summary>Seen in a known data breach, according to the configured range API (see <see cref="PasswordRules.Breached"/>).</summary>
    Breached,

    /// <summary>The range API could not be reached and the policy fails closed (see <see cref="PasswordRules.BreachCheckUnavailable"/>).</summary>
    BreachCheckUnavailable,
}

/// <summary>One rule a password failed, with what the page says about it.</summary>
/// <param name="Problem">The rule.</param>
/// <param name="Message">The sentence the page shows, as a key and its values (rendered in the reader's language by the server).</param>
public sealed record PasswordFailure(PasswordProblem Problem, RuleMessage Message);
