using System.Security.Cryptography;
using System.Text;
using IdentityHub.Core.Accounts;
using IdentityHub.Data;
using IdentityHub.Data.Accounts;
using IdentityHub.Data.Users;
using IdentityHub.Server.Audit;
using IdentityHub.Server.Configuration;
using IdentityHub.Server.Hosting;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.Texts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Account;

/// <summary>A question as offered or as chosen; the id is derived from the text.</summary>
public sealed record SecurityQuestion(string Id, string Text);

/// <summary>What a person typed for one question.</summary>
public sealed record SecurityQuestionAnswer(string QuestionId, string Answer);

/// <summary>
/// Security questions (A7, A8; legacy option): three chosen at set-up, two of them asked in forgot
/// password. Details that match no account (or an account without answers) get stand-in questions
/// picked from the configured list by a keyed hash of the username, so the same username always
/// shows the same questions and nobody learns whether it exists. Wrong answers count toward the
/// account's lockout; while it is locked, even right answers are refused with the same message.
/// </summary>
public sealed class SecurityQuestions(
    IdentityHubDbContext db,
    MfaLockout lockout,
    ServerSecrets secrets,
    AuditLog audit,
    IOptionsMonitor<IdentityHubOptions> options,
    IStringLocalizer<RecoveryText> text,
    TimeProvider time)
{
    private const string StandInKeyName = "security-questions.stand-in";

    private static readonly string StandInSalt = SecurityAnswers.NewSalt();
    private static readonly string StandInHash = SecurityAnswers.Hash(Guid.NewGuid().ToString("N"), StandInSalt);

    private SecurityQuestionOptions Settings => options.CurrentValue.SecurityQuestions;

    public bool Enabled => Settings.Enabled;

    public int MinimumAnswerLength => Settings.MinimumAnswerLength;

    public IReadOnlyList<SecurityQuestion> Offered =>
        [.. Settings.Offered.Select(text => text.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Select(text => new SecurityQuestion(IdOf(text), text))];

    public static string IdOf(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(SecurityAnswers.Normalize(text))))[..16];

    public async Task<bool> IsSetUpAsync(string userId, CancellationToken cancellationToken = default) =>
        await db.SecurityAnswers.CountAsync(answer => answer.UserId == userId, cancellationToken) >= SecurityQuestionOptions.Chosen;

    /// <summary>
    /// A question as the page shows it: one of <see cref="SecurityQuestionOptions.DefaultQuestions"/> in the
    /// reader's language; a question the plan configured, as it wrote it.
    /// </summary>
    public string WordingOf(SecurityQuestion question)
    {
        var index = SecurityQuestionOptions.DefaultQuestions.ToList().FindIndex(words => string.Equals(words, question.Text.Trim(), StringComparison.OrdinalIgnoreCase));
        return index < 0 ? question.Text : text[SecurityQuestionOptions.DefaultQuestionKeys[index]];
    }

    /// <summary>What is wrong with a set-up form, in the words the page shows (the reader's language); null when it can be saved.</summary>
    public string? Problem(IReadOnlyList<SecurityQuestionAnswer> answers)
    {
        var offered = Offered.Select(question => question.Id).ToHashSet(StringComparer.Ordinal);
        if (answers.Count != SecurityQuestionOptions.Chosen || answers.Any(answer => !offered.Contains(answer.QuestionId)))
        {
            return text["SecurityQuestions.ChooseEach"];
        }

        if (answers.Select(answer => answer.QuestionId).Distinct(StringComparer.Ordinal).Count() != answers.Count)
        {
            return text["SecurityQuestions.ChooseDifferent"];
        }

        var normalized = answers.Select(answer => SecurityAnswers.Normalize(answer.Answer ?? "")).ToList();
        if (answers.Any(answer => (answer.Answer?.Length ?? 0) > SecurityAnswers.MaximumLength))
        {
            return text["SecurityQuestions.AnswerTooLong", SecurityAnswers.MaximumLength];
        }

        if (normalized.Any(answer => answer.Count(char.IsLetterOrDigit) < MinimumAnswerLength))
        {
            return text["SecurityQuestions.AnswerTooShort", MinimumAnswerLength];
        }

        return normalized.Distinct(StringComparer.Ordinal).Count() != normalized.Count
            ? text["SecurityQuestions.SameAnswers"].Value
            : null;
    }

    /// <summary>Replaces the user's questions and answers; call <see cref="Problem"/> first.</summary>
    public async Task SaveAsync(IdentityHubUser user, IReadOnlyList<SecurityQuestionAnswer> answers, CancellationToken cancellationToken = default)
    {
        var texts = Offered.ToDictionary(question => question.Id, question => question.Text, StringComparer.Ordinal);
        await db.SecurityAnswers.Where(answer => answer.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        foreach (var answer in answers)
        {
            var salt = SecurityAnswers.NewSalt();
            db.SecurityAnswers.Add(new SecurityAnswer
            {
                UserId = user.Id,
                QuestionId = answer.QuestionId,
                Question = texts[answer.QuestionId],
                Salt = salt,
                Hash = SecurityAnswers.Hash(answer.Answer, salt),
                CreatedAt = time.GetUtcNow(),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("account.security_questions_set", "succeeded", user.Id, cancellationToken: cancellationToken);
    }

    /// <summary>Forgets the answers, so the next sign-in asks for new ones (after a reset by questions, A7).</summary>
    public Task ClearAsync(string userId, CancellationToken cancellationToken = default) =>
        db.SecurityAnswers.Where(answer => answer.UserId == userId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>
    /// The questions forgot password asks: two of the account's three, or two of three stand-ins
    /// tied to the username when the details match no account with answers.
    /// </summary>
    public async Task<IReadOnlyList<SecurityQuestion>> ChooseForResetAsync(string userName, IdentityHubUser? matched, CancellationToken cancellationToken = default)
    {
        var pool = matched is null
            ? []
            : await db.SecurityAnswers.AsNoTracking().Where(answer => answer.UserId == matched.Id)
                .OrderBy(answer => answer.QuestionId)
                .Select(answer => new SecurityQuestion(answer.QuestionId, answer.Question))
                .ToListAsync(cancellationToken);
        if (pool.Count < SecurityQuestionOptions.Chosen)
        {
            pool = await StandInsAsync(userName, cancellationToken);
        }

        return [.. pool.OrderBy(_ => RandomNumberGenerator.GetInt32(int.MaxValue)).Take(SecurityQuestionOptions.Asked)];
    }

    /// <summary>
    /// Whether every asked question was answered right. A wrong answer counts as a failed sign-in
    /// through the second-factor lockout (<see cref="MfaLockout"/>); a locked account is refused whatever was typed. Always does the same hashing work.
    /// </summary>
    public async Task<bool> CheckAsync(IdentityHubUser? user, IReadOnlyList<SecurityQuestion> asked, IReadOnlyList<string> answers, CancellationToken cancellationToken = default)
    {
        var stored = user is null
            ? []
            : await db.SecurityAnswers.AsNoTracking().Where(answer => answer.UserId == user.Id).ToListAsync(cancellationToken);
        var allRight = asked.Count == SecurityQuestionOptions.Asked && answers.Count == asked.Count;
        for (var i = 0; i < asked.Count; i++)
        {
            var record = stored.FirstOrDefault(answer => answer.QuestionId == asked[i].Id);
            var typed = i < answers.Count ? answers[i] ?? "" : "";
            // Stand-ins cost the same hashing as real answers and never match.
            var right = SecurityAnswers.Matches(typed, record?.Salt ?? StandInSalt, record?.Hash ?? StandInHash);
            allRight &= right && record is not null;
        }

        if (user is null || stored.Count < SecurityQuestionOptions.Chosen)
        {
            await audit.RecordAsync("account.security_questions_checked", "no_answers", user?.Id, cancellationToken: cancellationToken);
            return false;
        }

        if (lockout.IsLocked(user))
        {
            await audit.RecordAsync("account.security_questions_checked", "locked_out", user.Id, cancellationToken: cancellationToken);
            return false;
        }

        if (!allRight)
        {
            lockout.Fail(user, "security answer", clientId: null);
            await audit.RecordAsync("account.security_questions_checked", "wrong_answer", user.Id, cancellationToken: cancellationToken);
            return false;
        }

        lockout.Succeed(user);
        await audit.RecordAsync("account.security_questions_checked", "succeeded", user.Id, cancellationToken: cancellationToken);
        return true;
    }

    private async Task<List<SecurityQuestion>> StandInsAsync(string userName, CancellationToken cancellationToken)
    {
        var key = await secrets.GetAsync(StandInKeyName, cancellationToken);
        var name = userName.Trim().ToUpperInvariant();
        return [.. Offered
            .OrderBy(question => Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(name + "\n" + question.Id))), StringComparer.Ordinal)
            .Take(SecurityQuestionOptions.Chosen)
            .OrderBy(question => question.Id, StringComparer.Ordinal)];
    }
}
