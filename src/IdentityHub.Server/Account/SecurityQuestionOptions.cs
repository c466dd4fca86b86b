using IdentityHub.Core.Accounts;

namespace IdentityHub.Server.Account;

/// <summary>
/// Settings under <c>IdentityHub:SecurityQuestions</c> (A8): off unless turned on, and only with the
/// <c>Legacy</c> password preset (NIST SP 800-63B does not allow knowledge-based questions).
/// </summary>
public sealed class SecurityQuestionOptions
{
    /// <summary>How many questions each person chooses and answers.</summary>
    public const int Chosen = 3;

    /// <summary>How many of them the forgot-password page asks.</summary>
    public const int Asked = 2;

    /// <summary>
    /// The questions offered when none are configured. Their English words are their identity (a question's
    /// id is derived from them, and a chosen question is stored with them); pages show each in the reader's
    /// language through <see cref="DefaultQuestionKeys"/>.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultQuestions =
    [
        "What was the name of your first pet?",
        "In what city were you born?",
        "What is your mother's maiden name?",
        "What was the name of your elementary school?",
        "What was the make of your first car?",
        "What is the name of the street you grew up on?",
        "What was your childhood nickname?",
        "In what city did your parents meet?",
    ];

    /// <summary>The text key (RecoveryText) of each of <see cref="DefaultQuestions"/>, in the same order.</summary>
    public static readonly IReadOnlyList<string> DefaultQuestionKeys =
    [
        "SecurityQuestion.FirstPet",
        "SecurityQuestion.BirthCity",
        "SecurityQuestion.MotherMaidenName",
        "SecurityQuestion.ElementarySchool",
        "SecurityQuestion.FirstCar",
        "SecurityQuestion.ChildhoodStreet",
        "SecurityQuestion.ChildhoodNickname",
        "SecurityQuestion.ParentsMet",
    ];

    /// <summary>Whether people set up three questions at first sign-in and may answer two of them instead of a code in forgot password.</summary>
    public bool Enabled { get; set; }

    /// <summary>The list people choose from; empty means <see cref="DefaultQuestions"/>. At least three, each up to 200 characters.</summary>
    public List<string> Questions { get; set; } = [];

    /// <summary>Fewest letters and digits an answer must have.</summary>
    public int MinimumAnswerLength { get; set; } = 3;

    public IReadOnlyList<string> Offered => Questions.Count == 0 ? DefaultQuestions : Questions;

    public IEnumerable<string> Validate(string key, PasswordPreset preset)
    {
        if (Enabled && preset != PasswordPreset.Legacy)
        {
            yield return $"{key}:Enabled needs {key.Replace("SecurityQuestions", "Passwords", StringComparison.Ordinal)}:Preset 'Legacy'; security questions are not allowed under NIST SP 800-63B.";
        }

        var trimmed = Offered.Select(question => question?.Trim() ?? "").ToList();
        if (trimmed.Any(question => question.Length is 0 or > 200))
        {
            yield return $"{key}:Questions must each have 1 to 200 characters.";
        }

        if (trimmed.Distinct(StringComparer.OrdinalIgnoreCase).Count() < Chosen)
        {
            yield return $"{key}:Questions must offer at least {Chosen} different questions.";
        }

        if (MinimumAnswerLength is < 1 or > SecurityAnswers.MaximumLength)
        {
            yield return $"{key}:MinimumAnswerLength must be between 1 and {SecurityAnswers.MaximumLength}.";
        }
    }
}
